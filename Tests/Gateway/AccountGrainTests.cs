using GameCluster.Gateway.Auth;
using GameCluster.Grains;
using GameCluster.Grains.Accounts;
using GameCluster.Runtime;
using GameCluster.Storage;
using GameCluster.Tests.Infrastructure;
using GameCluster.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace GameCluster.Tests.Gateway;

/// <summary>The account, refresh token and connect nonce grains on an in-process silo with a manual clock.</summary>
public sealed class AccountGrainTests
{
    private static readonly DateTimeOffset Start = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void PasswordHasher_UsesARandomSaltAndPbkdf2Sha256_AndVerifiesOnlyTheRightPassword()
    {
        var first = PasswordHasher.Hash("correct horse");
        var second = PasswordHasher.Hash("correct horse");

        Assert.NotEqual(first, second);
        Assert.StartsWith("pbkdf2-sha256$100000$", first, StringComparison.Ordinal);
        Assert.True(PasswordHasher.Verify("correct horse", first));
        Assert.False(PasswordHasher.Verify("correct horsE", first));
        Assert.False(PasswordHasher.Verify("correct horse", null));
        Assert.False(PasswordHasher.Verify("correct horse", "pbkdf2-sha256$1$bad$hash"));
    }

    [Fact]
    public async Task Account_RegisterSignInAndGuest_FollowTheRules_AndInvalidInputThrowsArgumentException()
    {
        await using var silo = await TestSilo.StartAsync();
        var alice = silo.GrainFactory.GetGrain<IAccountGrain>("user:alice_" + Guid.NewGuid().ToString("N")[..8]);

        var registered = await alice.RegisterAsync("correct horse");
        Assert.Equal(AccountOutcome.Succeeded, registered.Outcome);
        Assert.Equal(["player"], registered.Roles);
        Assert.Equal(AccountOutcome.UsernameTaken, (await alice.RegisterAsync("other password")).Outcome);
        Assert.Equal(registered.PlayerId, (await alice.SignInAsync("correct horse")).PlayerId);
        Assert.Equal(AccountResult.Failed(AccountOutcome.InvalidCredentials).Outcome, (await alice.SignInAsync("wrong horse")).Outcome);
        Assert.Equal(AccountOutcome.InvalidCredentials, (await silo.GrainFactory.GetGrain<IAccountGrain>("user:nobody_x").SignInAsync("correct horse")).Outcome);

        await Assert.ThrowsAsync<ArgumentException>(() => alice.RegisterAsync("short"));
        await Assert.ThrowsAsync<ArgumentException>(() => alice.SignInAsGuestAsync());
        await Assert.ThrowsAsync<ArgumentException>(() => silo.GrainFactory.GetGrain<IAccountGrain>("user:Alice").RegisterAsync("correct horse"));
        await Assert.ThrowsAsync<ArgumentException>(() => silo.GrainFactory.GetGrain<IAccountGrain>("user:a b").RegisterAsync("correct horse"));
        await Assert.ThrowsAsync<ArgumentException>(() => silo.GrainFactory.GetGrain<IAccountGrain>("device:short").SignInAsGuestAsync());
        await Assert.ThrowsAsync<ArgumentException>(() => silo.GrainFactory.GetGrain<IAccountGrain>("other:thing").SignInAsGuestAsync());

        var device = silo.GrainFactory.GetGrain<IAccountGrain>("device:" + Guid.NewGuid().ToString("N"));
        Assert.Equal((await device.SignInAsGuestAsync()).PlayerId, (await device.SignInAsGuestAsync()).PlayerId);
        await Assert.ThrowsAsync<ArgumentException>(() => device.SignInAsync("correct horse"));
    }

    [Fact]
    public async Task RefreshToken_ExpiresExactlyAtItsLifetime_AndRotationKeepsTheFamily()
    {
        var clock = new ManualTimeProvider(Start);
        await using var silo = await StartAsync(clock);
        var (tokenId, secretHash) = await CreateTokenAsync(silo, TimeSpan.FromHours(1));
        var (secondId, secondHash) = await CreateTokenAsync(silo, TimeSpan.FromHours(1));

        clock.Advance(TimeSpan.FromHours(1) - TimeSpan.FromTicks(1));
        var rotated = await silo.GrainFactory.GetGrain<IRefreshTokenGrain>(tokenId).RotateAsync(secretHash, TokenFormats.NewId(), TokenFormats.HashSecret(TokenFormats.NewSecret()), TimeSpan.FromHours(2));
        clock.Advance(TimeSpan.FromTicks(1));
        var expired = await silo.GrainFactory.GetGrain<IRefreshTokenGrain>(secondId).RotateAsync(secondHash, TokenFormats.NewId(), TokenFormats.HashSecret(TokenFormats.NewSecret()), TimeSpan.FromHours(2));

        Assert.Equal(RefreshTokenOutcome.Rotated, rotated.Outcome);
        Assert.Equal(Start + TimeSpan.FromHours(3) - TimeSpan.FromTicks(1), rotated.NextExpiresAt);
        Assert.Equal(RefreshTokenOutcome.Expired, expired.Outcome);
    }

    [Fact]
    public async Task RefreshToken_PresentedTwice_IsReused_AndTheWholeFamilyIsRevoked()
    {
        await using var silo = await StartAsync(new ManualTimeProvider(Start));
        var (tokenId, secretHash) = await CreateTokenAsync(silo, TimeSpan.FromHours(1));
        var token = silo.GrainFactory.GetGrain<IRefreshTokenGrain>(tokenId);
        var nextId = TokenFormats.NewId();
        var nextHash = TokenFormats.HashSecret(TokenFormats.NewSecret());

        Assert.Equal(RefreshTokenOutcome.Invalid, (await token.RotateAsync(TokenFormats.HashSecret(TokenFormats.NewSecret()), TokenFormats.NewId(), nextHash, TimeSpan.FromHours(1))).Outcome);
        Assert.Equal(RefreshTokenOutcome.Rotated, (await token.RotateAsync(secretHash, nextId, nextHash, TimeSpan.FromHours(1))).Outcome);
        Assert.Equal(RefreshTokenOutcome.Reused, (await token.RotateAsync(secretHash, TokenFormats.NewId(), nextHash, TimeSpan.FromHours(1))).Outcome);
        var next = await silo.GrainFactory.GetGrain<IRefreshTokenGrain>(nextId).RotateAsync(nextHash, TokenFormats.NewId(), nextHash, TimeSpan.FromHours(1));

        Assert.Equal(RefreshTokenOutcome.Revoked, next.Outcome);
        await Assert.ThrowsAsync<ArgumentException>(() => token.RotateAsync("not-a-hash", nextId, nextHash, TimeSpan.FromHours(1)));
    }

    [Fact]
    public async Task RefreshToken_IsDeletedFromStorageOnceExpired_AndARevokedFamilyIsKeptForTheLongestLifetime()
    {
        var clock = new ManualTimeProvider(Start);
        await using var silo = await StartAsync(clock);
        var familyId = TokenFormats.NewId();
        var secretHash = TokenFormats.HashSecret(TokenFormats.NewSecret());
        var token = silo.GrainFactory.GetGrain<IRefreshTokenGrain>(TokenFormats.NewId());
        await token.CreateAsync(new RefreshTokenGrant(familyId, "player-1", ["player"], secretHash, TimeSpan.FromHours(1)));
        var next = silo.GrainFactory.GetGrain<IRefreshTokenGrain>(TokenFormats.NewId());
        var nextHash = TokenFormats.HashSecret(TokenFormats.NewSecret());
        Assert.Equal(RefreshTokenOutcome.Rotated, (await token.RotateAsync(secretHash, next.GetPrimaryKeyString(), nextHash, TimeSpan.FromHours(2))).Outcome);
        Assert.True(await next.RevokeAsync(nextHash));
        var family = silo.GrainFactory.GetGrain<IRefreshTokenFamilyGrain>(familyId);
        var sweeper = silo.Services.GetRequiredService<ExpiredStateSweeper>();

        clock.Advance(TimeSpan.FromHours(1) - TimeSpan.FromTicks(1));
        await sweeper.SweepAsync(TestContext.Current.CancellationToken);
        Assert.NotNull(await StoredEtagAsync(silo, "token", token));
        clock.Advance(TimeSpan.FromTicks(1));
        await sweeper.SweepAsync(TestContext.Current.CancellationToken);
        Assert.Null(await StoredEtagAsync(silo, "token", token));
        Assert.NotNull(await StoredEtagAsync(silo, "token", next));
        clock.Advance(TimeSpan.FromHours(2));
        await sweeper.SweepAsync(TestContext.Current.CancellationToken);
        Assert.Null(await StoredEtagAsync(silo, "token", next));
        Assert.NotNull(await StoredEtagAsync(silo, "family", family));
        clock.Advance(RefreshTokenGrain.MaxLifetime - TimeSpan.FromHours(3));
        await sweeper.SweepAsync(TestContext.Current.CancellationToken);
        Assert.Null(await StoredEtagAsync(silo, "family", family));
    }

    [Fact]
    public async Task ConnectNonce_RedeemsOnce_ExpiresExactlyAtItsLifetime_AndUnknownFails()
    {
        var clock = new ManualTimeProvider(Start);
        await using var silo = await StartAsync(clock);
        var grant = new ConnectNonceGrant("player-1", ["player"]);
        var once = silo.GrainFactory.GetGrain<IConnectNonceGrain>(TokenFormats.NewSecret());
        var late = silo.GrainFactory.GetGrain<IConnectNonceGrain>(TokenFormats.NewSecret());
        Assert.Equal(Start + TimeSpan.FromSeconds(30), await once.IssueAsync(grant, TimeSpan.FromSeconds(30)));
        await late.IssueAsync(grant, TimeSpan.FromSeconds(30));
        await Assert.ThrowsAsync<InvalidOperationException>(() => once.IssueAsync(grant, TimeSpan.FromSeconds(30)));

        clock.Advance(TimeSpan.FromSeconds(30) - TimeSpan.FromTicks(1));
        var first = await once.RedeemAsync();
        var second = await once.RedeemAsync();
        clock.Advance(TimeSpan.FromTicks(1));
        var expired = await late.RedeemAsync();
        var unknown = await silo.GrainFactory.GetGrain<IConnectNonceGrain>(TokenFormats.NewSecret()).RedeemAsync();

        Assert.Equal(ConnectNonceOutcome.Redeemed, first.Outcome);
        Assert.Equal("player-1", first.Grant!.PlayerId);
        Assert.Equal(["player"], first.Grant!.Roles);
        Assert.Equal(ConnectNonceOutcome.AlreadyRedeemed, second.Outcome);
        Assert.Equal(ConnectNonceOutcome.Expired, expired.Outcome);
        Assert.Equal(ConnectNonceOutcome.Unknown, unknown.Outcome);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            silo.GrainFactory.GetGrain<IConnectNonceGrain>(TokenFormats.NewSecret()).IssueAsync(grant, TimeSpan.FromHours(1)));
    }

    private static Task<TestSilo> StartAsync(ManualTimeProvider clock) =>
        TestSilo.StartAsync(silo => silo.Services.AddSingleton<TimeProvider>(clock));

    /// <summary>The version of the stored record, or null when storage holds none (never written, or deleted).</summary>
    private static async Task<string?> StoredEtagAsync(TestSilo silo, string stateName, IAddressable grain)
    {
        var state = new TestGrainState<RefreshTokenFamilyState>();
        await silo.Services.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.Default)
            .ReadStateAsync(stateName, grain.GetGrainId(), state, TestContext.Current.CancellationToken);
        return state.ETag;
    }

    private static async Task<(string TokenId, string SecretHash)> CreateTokenAsync(TestSilo silo, TimeSpan lifetime)
    {
        var tokenId = TokenFormats.NewId();
        var secretHash = TokenFormats.HashSecret(TokenFormats.NewSecret());
        var expiresAt = await silo.GrainFactory.GetGrain<IRefreshTokenGrain>(tokenId)
            .CreateAsync(new RefreshTokenGrant(TokenFormats.NewId(), "player-1", ["player"], secretHash, lifetime));
        Assert.Equal(Start + lifetime, expiresAt);
        return (tokenId, secretHash);
    }
}
