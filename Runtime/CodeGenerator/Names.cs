using System.Text;
using Microsoft.CodeAnalysis;

namespace GameCluster.CodeGenerator;

/// <summary>Deterministic names for generated types and fully qualified names for emitted code.</summary>
internal static class Names
{
    public const string GeneratedNamespace = "GameCluster.Generated";

    public static readonly SymbolDisplayFormat FullyQualified = SymbolDisplayFormat.FullyQualifiedFormat
        .WithMiscellaneousOptions(
            SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers
            | SymbolDisplayMiscellaneousOptions.UseSpecialTypes
            | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static readonly SymbolDisplayFormat FullyQualifiedNotNull = SymbolDisplayFormat.FullyQualifiedFormat
        .WithMiscellaneousOptions(
            SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers
            | SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    private static readonly SymbolDisplayFormat Plain = SymbolDisplayFormat.FullyQualifiedFormat
        .WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted)
        .WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.None);

    /// <summary>The type as C# source, with nullable annotations.</summary>
    public static string Of(ITypeSymbol type) => type.ToDisplayString(FullyQualified);

    /// <summary>The type as C# source, without the top-level nullable annotation of a reference type.</summary>
    public static string OfNotNull(ITypeSymbol type) => type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(FullyQualifiedNotNull);

    /// <summary>The full name without <c>global::</c>, as used in keys and messages.</summary>
    public static string Full(ITypeSymbol type) => type.ToDisplayString(Plain);

    public static string Codec(ITypeSymbol type) => $"global::{GeneratedNamespace}.Codec_{Mangle(Full(type))}";

    public static string Proxy(ITypeSymbol type) => $"Proxy_{Mangle(Full(type))}";

    public static string Request(ITypeSymbol iface, IMethodSymbol method, string methodKey) =>
        $"Request_{Mangle(Full(iface))}_{method.Name}_{Hash(methodKey):x8}";

    public static string Manifest(string assemblyName) => $"Manifest_{Mangle(assemblyName)}";

    public static string Mangle(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            builder.Append(char.IsLetterOrDigit(c) ? c : '_');
        }

        return builder.ToString();
    }

    public static string Literal(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    public static string Identifier(string name) =>
        Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + name : name;

    private static uint Hash(string value)
    {
        var hash = 2166136261u;
        foreach (var c in value)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
