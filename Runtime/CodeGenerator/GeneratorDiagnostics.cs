using Microsoft.CodeAnalysis;

namespace GameCluster.CodeGenerator;

/// <summary>Errors the generator reports instead of emitting code that would fail at run time.</summary>
internal static class GeneratorDiagnostics
{
    public static readonly DiagnosticDescriptor UnsupportedType = new(
        "GC0001",
        "Type cannot cross a grain boundary",
        "{0} cannot be serialized: {1}",
        "GameCluster.CodeGenerator",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedMethod = new(
        "GC0002",
        "Grain method is not supported",
        "Grain method {0} is not supported: {1}",
        "GameCluster.CodeGenerator",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedGrainClass = new(
        "GC0003",
        "Grain class cannot be activated",
        "Grain class {0} cannot be activated: {1}",
        "GameCluster.CodeGenerator",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);
}
