using Microsoft.CodeAnalysis;

namespace GameCluster.CodeGenerator;

/// <summary>A member of a generated type that carries an <c>[Id]</c>.</summary>
internal sealed class SerializableMember(uint id, string name, ITypeSymbol type, bool canAssign)
{
    public uint Id { get; } = id;

    public string Name { get; } = name;

    public ITypeSymbol Type { get; } = type;

    public bool CanAssign { get; } = canAssign;
}
