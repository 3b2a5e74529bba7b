using Microsoft.CodeAnalysis;

namespace GameCluster.CodeGenerator;

/// <summary>Generated types are public when the type they serve is visible outside its assembly.</summary>
internal static class Visibility
{
    public static string Of(ITypeSymbol type)
    {
        for (ISymbol? current = type; current is INamedTypeSymbol named; current = named.ContainingType)
        {
            if (named.DeclaredAccessibility != Microsoft.CodeAnalysis.Accessibility.Public)
            {
                return "internal";
            }
        }

        return "public";
    }
}
