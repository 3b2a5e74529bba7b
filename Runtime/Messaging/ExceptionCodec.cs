namespace GameCluster.Messaging;

/// <summary>
/// Carries exceptions between processes by type name and message. The caller gets the same exception type when it
/// can be created from a message (runs only on the error path); otherwise a <see cref="RemoteGrainException"/>.
/// </summary>
internal static class ExceptionCodec
{
    public static string TypeName(Exception exception)
    {
        var type = exception.GetType();
        return $"{type.FullName}, {type.Assembly.GetName().Name}";
    }

    public static Exception Create(string? typeName, string? message, string? detail)
    {
        message ??= "A remote grain call failed.";
        if (typeName is not null && Type.GetType(typeName, throwOnError: false) is { } type && typeof(Exception).IsAssignableFrom(type))
        {
            try
            {
                if (Activator.CreateInstance(type, message) is Exception exception)
                {
                    return exception;
                }
            }
            catch (Exception exception) when (exception is MissingMethodException or MemberAccessException or System.Reflection.TargetInvocationException or System.Reflection.AmbiguousMatchException)
            {
                // No usable (string message) constructor: fall back below.
            }
        }

        return new RemoteGrainException(typeName ?? "unknown", message, detail);
    }
}
