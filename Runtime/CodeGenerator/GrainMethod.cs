using Microsoft.CodeAnalysis;

namespace GameCluster.CodeGenerator;

/// <summary>A grain interface method as the generator sees it.</summary>
internal sealed class GrainMethod(INamedTypeSymbol declaringInterface, IMethodSymbol method, string methodKey, ITypeSymbol? resultType, ReturnShape shape, string flags)
{
    public INamedTypeSymbol DeclaringInterface { get; } = declaringInterface;

    public IMethodSymbol Method { get; } = method;

    public string MethodKey { get; } = methodKey;

    /// <summary>The awaited result type; <see langword="null"/> for <c>Task</c> and <c>ValueTask</c>.</summary>
    public ITypeSymbol? ResultType { get; } = resultType;

    public ReturnShape Shape { get; } = shape;

    public string Flags { get; } = flags;

    public bool IsOneWay => Flags.Contains("OneWay");

    public string RequestName => Names.Request(DeclaringInterface, Method, MethodKey);

    public string ResultName => ResultType is null ? "global::GameCluster.Invocation.VoidResult" : Names.Of(ResultType);
}

/// <summary>What a grain method returns.</summary>
internal enum ReturnShape
{
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
}
