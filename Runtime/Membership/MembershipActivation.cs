using GameCluster.Hosting;

namespace GameCluster.Membership;

/// <summary>Announces the silo Active once everything else started, and ShuttingDown first thing when it stops.</summary>
internal sealed class MembershipActivation(MembershipAgent agent) : ISiloLifecycleParticipant
{
    public int Stage => SiloLifecycleStage.Active;

    public string ParticipantName => "membership status";

    public Task OnStartAsync(CancellationToken cancellationToken) => agent.WriteOwnStatusAsync(MembershipStatus.Active, cancellationToken);

    public async Task OnStopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await agent.WriteOwnStatusAsync(MembershipStatus.ShuttingDown, cancellationToken);
        }
        catch (InvalidOperationException)
        {
            // Declared dead meanwhile: nothing to announce.
        }
    }
}
