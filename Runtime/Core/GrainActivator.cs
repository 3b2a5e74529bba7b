using Microsoft.Extensions.DependencyInjection;

namespace GameCluster.Runtime;

/// <summary>Resolves grain constructor parameters for generated grain factories.</summary>
public static class GrainActivator
{
    /// <summary>A constructor dependency: the grain context, the grain factory, or a registered service.</summary>
    public static T GetService<T>(IGrainContext context) where T : notnull
    {
        ArgumentNullException.ThrowIfNull(context);
        if (typeof(T) == typeof(IGrainContext))
        {
            return (T)context;
        }

        if (typeof(T) == typeof(IGrainFactory))
        {
            return (T)context.GrainFactory;
        }

        return context.ActivationServices.GetRequiredService<T>();
    }
}
