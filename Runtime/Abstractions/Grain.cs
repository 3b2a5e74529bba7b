using GameCluster.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace GameCluster;

/// <summary>
/// Base class of grain implementations. A grain runs one request at a time (unless marked
/// <see cref="ReentrantAttribute"/>), so its code needs no locks.
/// </summary>
public abstract class Grain
{
    private IGrainContext? _context;

    /// <summary>Binds the grain to the activation being constructed.</summary>
    protected Grain()
    {
        _context = RuntimeContext.CurrentActivation;
    }

    /// <summary>The activation this grain runs in.</summary>
    public IGrainContext GrainContext =>
        _context ?? throw new InvalidOperationException("This grain is not bound to an activation; grains are created by the runtime.");

    /// <summary>The grain's identity.</summary>
    public GrainId GrainId => GrainContext.GrainId;

    /// <summary>Creates references to other grains.</summary>
    protected IGrainFactory GrainFactory => GrainContext.GrainFactory;

    /// <summary>The silo's services.</summary>
    protected IServiceProvider ServiceProvider => GrainContext.ActivationServices;

    /// <summary>Runs once after the grain's persistent state was read and before its first request.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs once before the activation is removed.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this activation once the current request completes.</summary>
    protected void DeactivateOnIdle() => GrainContext.DeactivateOnIdle();

    /// <summary>Registers a timer that runs on this activation.</summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return GrainContext.RegisterGrainTimer(static (cb, ct) => cb(ct), callback, new GrainTimerCreationOptions(dueTime, period));
    }

    /// <summary>Registers a timer that runs on this activation.</summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return GrainContext.RegisterGrainTimer(static (cb, ct) => cb(ct), callback, options);
    }

    /// <summary>Registers a timer that runs on this activation with a state argument.</summary>
    protected IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options) =>
        GrainContext.RegisterGrainTimer(callback, state, options);

    /// <summary>Registers a durable reminder, or changes the schedule of an existing one.</summary>
    protected Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period)
    {
        EnsureRemindable();
        return Reminders.RegisterOrUpdateReminderAsync(GrainId, reminderName, dueTime, period);
    }

    /// <summary>Removes a durable reminder.</summary>
    protected Task UnregisterReminder(IGrainReminder reminder)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        return Reminders.UnregisterReminderAsync(GrainId, reminder.ReminderName);
    }

    /// <summary>One of this grain's reminders, or <see langword="null"/>.</summary>
    protected Task<IGrainReminder?> GetReminder(string reminderName) => Reminders.GetReminderAsync(GrainId, reminderName);

    /// <summary>All of this grain's reminders.</summary>
    protected Task<IReadOnlyList<IGrainReminder>> GetReminders() => Reminders.GetRemindersAsync(GrainId);

    internal void Bind(IGrainContext context) => _context = context;

    private IReminderRegistry Reminders => ServiceProvider.GetService<IReminderRegistry>()
        ?? throw new InvalidOperationException("Reminders are not configured on this silo; add a reminder table to the silo.");

    private void EnsureRemindable()
    {
        if (this is not IRemindable)
        {
            throw new InvalidOperationException($"Grain class {GetType().FullName} must implement {nameof(IRemindable)} to register reminders.");
        }
    }
}
