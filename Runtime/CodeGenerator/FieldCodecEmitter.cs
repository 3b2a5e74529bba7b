using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace GameCluster.CodeGenerator;

/// <summary>
/// Emits the statements and expressions that write, read and copy one value of a given type: primitives, enums,
/// nullables, grain references, generated types and collections of those.
/// </summary>
internal sealed class FieldCodecEmitter(KnownSymbols known)
{
    private const string Codecs = "global::GameCluster.Serialization.BuiltInCodecs";
    private const string Collections = "global::GameCluster.Serialization.CollectionCodecs";
    private const string References = "global::GameCluster.Serialization.GrainReferenceCodec";
    private const string WriterType = "global::GameCluster.Serialization.Writer";
    private const string ReaderType = "global::GameCluster.Serialization.Reader";
    private const string WireTypeName = "global::GameCluster.Serialization.WireType";
    private const string SessionType = "global::GameCluster.Serialization.SerializerSession";

    private readonly Dictionary<ITypeSymbol, bool> _immutability = new(SymbolEqualityComparer.Default);

    /// <summary>Why the type cannot be serialized, or <see langword="null"/> when it can.</summary>
    public string? Unsupported(ITypeSymbol type)
    {
        var element = Element(type, out var kind);
        switch (kind)
        {
            case Kind.Unsupported:
                return $"{Names.Full(type)} is not a supported primitive, collection, grain interface or [GenerateSerializer] type";
            case Kind.Nullable:
            case Kind.List:
            case Kind.Array:
            case Kind.Set:
            case Kind.ImmutableArray:
                return Unsupported(element!);
            case Kind.Dictionary:
                var arguments = ((INamedTypeSymbol)type).TypeArguments;
                return Unsupported(arguments[0]) ?? Unsupported(arguments[1]);
            default:
                return null;
        }
    }

    /// <summary>A statement writing <paramref name="value"/> as field <paramref name="id"/>.</summary>
    public string Write(ITypeSymbol type, string id, string value, string writer, string session, int depth)
    {
        var element = Element(type, out var kind);
        var d = depth.ToString(System.Globalization.CultureInfo.InvariantCulture);
        switch (kind)
        {
            case Kind.Primitive:
                return $"{Codecs}.WriteField(ref {writer}, {id}, {value});";
            case Kind.Enum:
                return $"{Codecs}.WriteField(ref {writer}, {id}, ({(IsUnsignedEnum(type) ? "ulong" : "long")}){value});";
            case Kind.Nullable:
                return $"if ({value} is {Names.Of(element!)} v{d}) {{ {Write(element!, id, "v" + d, writer, session, depth + 1)} }} else {{ {writer}.WriteNull({id}); }}";
            case Kind.GrainReference:
                return $"{References}.WriteField(ref {writer}, {id}, {value}, {session});";
            case Kind.Generated:
                return $"{Names.Codec(type)}.WriteField(ref {writer}, {id}, {value}, {session});";
            case Kind.List:
            case Kind.Array:
            case Kind.Set:
                return $"{Collections}.WriteList<{Names.Of(element!)}>(ref {writer}, {id}, {value}, {session}, {ElementWriter(element!, depth)});";
            case Kind.ImmutableArray:
                return $"{Collections}.WriteImmutableArray<{Names.Of(element!)}>(ref {writer}, {id}, {value}, {session}, {ElementWriter(element!, depth)});";
            case Kind.Dictionary:
                var args = ((INamedTypeSymbol)type).TypeArguments;
                return $"{Collections}.WriteDictionary<{Names.Of(args[0])}, {Names.Of(args[1])}>(ref {writer}, {id}, {value}, {session}, {ElementWriter(args[0], depth)}, {ElementWriter(args[1], depth + 10)});";
            default:
                return "throw new global::System.NotSupportedException();";
        }
    }

    /// <summary>An expression reading a value whose tag was read into <paramref name="wireType"/>.</summary>
    public string Read(ITypeSymbol type, string reader, string wireType, string session, int depth)
    {
        var element = Element(type, out var kind);
        switch (kind)
        {
            case Kind.Primitive:
                return $"{Codecs}.{PrimitiveReader(type)}(ref {reader}, {wireType}){(type.IsReferenceType ? "!" : string.Empty)}";
            case Kind.Enum:
                return IsUnsignedEnum(type)
                    ? $"({Names.Of(type)}){Codecs}.ReadUInt64(ref {reader}, {wireType})"
                    : $"({Names.Of(type)}){Codecs}.ReadInt64(ref {reader}, {wireType})";
            case Kind.Nullable:
                return $"({wireType} == {WireTypeName}.Null ? ({Names.Of(type)})null : {Read(element!, reader, wireType, session, depth + 1)})";
            case Kind.GrainReference:
                return $"{References}.ReadField<{Names.OfNotNull(type)}>(ref {reader}, {wireType}, {session})!";
            case Kind.Generated:
                return $"{Names.Codec(type)}.ReadField(ref {reader}, {wireType}, {session})";
            case Kind.List:
                return $"{Collections}.ReadList<{Names.Of(element!)}>(ref {reader}, {wireType}, {session}, {ElementReader(element!, depth)})!";
            case Kind.Array:
                return $"{Collections}.ReadArray<{Names.Of(element!)}>(ref {reader}, {wireType}, {session}, {ElementReader(element!, depth)})!";
            case Kind.Set:
                return $"{Collections}.ReadHashSet<{Names.Of(element!)}>(ref {reader}, {wireType}, {session}, {ElementReader(element!, depth)})!";
            case Kind.ImmutableArray:
                return $"{Collections}.ReadImmutableArray<{Names.Of(element!)}>(ref {reader}, {wireType}, {session}, {ElementReader(element!, depth)})";
            case Kind.Dictionary:
                var args = ((INamedTypeSymbol)type).TypeArguments;
                return $"{Collections}.ReadDictionary<{Names.OfNotNull(args[0])}, {Names.Of(args[1])}>(ref {reader}, {wireType}, {session}, {ElementReader(args[0], depth)}, {ElementReader(args[1], depth + 10)})!";
            default:
                return "throw new global::System.NotSupportedException()";
        }
    }

    /// <summary>An expression producing a deep copy of <paramref name="value"/> (the value itself when immutable).</summary>
    public string Copy(ITypeSymbol type, string value, int depth)
    {
        if (IsImmutable(type))
        {
            return value;
        }

        var element = Element(type, out var kind);
        var d = depth.ToString(System.Globalization.CultureInfo.InvariantCulture);
        switch (kind)
        {
            case Kind.Nullable:
                return $"({value} is {Names.Of(element!)} n{d} ? ({Names.Of(type)}){Copy(element!, "n" + d, depth + 1)} : null)";
            case Kind.GrainReference:
                return $"{References}.Copy({value})";
            case Kind.Generated:
                return $"{Names.Codec(type)}.DeepCopy({value})";
            case Kind.Primitive:
                return $"({value} is null ? null! : ({Names.OfNotNull(type)}){value}.Clone())";
            case Kind.List:
                return $"{Collections}.CopyList<{Names.Of(element!)}>({value}, static c{d} => {Copy(element!, "c" + d, depth + 1)})!";
            case Kind.Array:
                return $"{Collections}.CopyArray<{Names.Of(element!)}>({value}, static c{d} => {Copy(element!, "c" + d, depth + 1)})!";
            case Kind.Set:
                return $"{Collections}.CopyHashSet<{Names.Of(element!)}>({value}, static c{d} => {Copy(element!, "c" + d, depth + 1)})!";
            case Kind.ImmutableArray:
                return $"{Collections}.CopyImmutableArray<{Names.Of(element!)}>({value}, static c{d} => {Copy(element!, "c" + d, depth + 1)})";
            case Kind.Dictionary:
                var args = ((INamedTypeSymbol)type).TypeArguments;
                return $"{Collections}.CopyDictionary<{Names.OfNotNull(args[0])}, {Names.Of(args[1])}>({value}, static k{d} => {Copy(args[0], "k" + d, depth + 1)}, static c{d} => {Copy(args[1], "c" + d, depth + 1)})!";
            default:
                return value;
        }
    }

    /// <summary>Whether values of the type can be shared between caller and callee without a copy.</summary>
    public bool IsImmutable(ITypeSymbol type)
    {
        if (_immutability.TryGetValue(type, out var known))
        {
            return known;
        }

        _immutability[type] = false;
        var result = ComputeImmutable(type);
        _immutability[type] = result;
        return result;
    }

    /// <summary>The serialized members of a generated type, base types first.</summary>
    public List<SerializableMember> GetMembers(INamedTypeSymbol type)
    {
        var members = new List<SerializableMember>();
        var names = new HashSet<string>();
        var chain = new List<INamedTypeSymbol>();
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            chain.Insert(0, current);
        }

        foreach (var current in chain)
        {
            var parameterIds = new Dictionary<string, uint>();
            foreach (var constructor in current.InstanceConstructors)
            {
                foreach (var parameter in constructor.Parameters)
                {
                    if (known.GetAttribute(parameter, known.Id) is { } attribute && attribute.ConstructorArguments.Length == 1)
                    {
                        parameterIds[parameter.Name] = (uint)attribute.ConstructorArguments[0].Value!;
                    }
                }
            }

            foreach (var member in current.GetMembers())
            {
                if (member.IsStatic || member.IsImplicitlyDeclared || !names.Add(member.Name))
                {
                    continue;
                }

                uint? id = null;
                if (known.GetAttribute(member, known.Id) is { } attribute && attribute.ConstructorArguments.Length == 1)
                {
                    id = (uint)attribute.ConstructorArguments[0].Value!;
                }
                else if (parameterIds.TryGetValue(member.Name, out var parameterId))
                {
                    id = parameterId;
                }

                if (id is null)
                {
                    names.Remove(member.Name);
                    continue;
                }

                switch (member)
                {
                    case IPropertySymbol property when !property.IsIndexer:
                        members.Add(new SerializableMember(id.Value, property.Name, property.Type,
                            property.SetMethod is { DeclaredAccessibility: Accessibility.Public or Accessibility.Internal }));
                        break;
                    case IFieldSymbol field:
                        members.Add(new SerializableMember(id.Value, field.Name, field.Type, !field.IsReadOnly && !field.IsConst));
                        break;
                }
            }
        }

        return members;
    }

    private bool ComputeImmutable(ITypeSymbol type)
    {
        var element = Element(type, out var kind);
        switch (kind)
        {
            case Kind.Primitive:
                return type is not IArrayTypeSymbol;
            case Kind.Enum:
            case Kind.GrainReference:
                return true;
            case Kind.Nullable:
            case Kind.ImmutableArray:
                return IsImmutable(element!);
            case Kind.Generated:
                if (known.HasAttribute(type, known.Immutable))
                {
                    return true;
                }

                var named = (INamedTypeSymbol)type;
                if (!(named.IsValueType || named.IsSealed) || named.GetMembers().OfType<IFieldSymbol>().Any(f => !f.IsStatic && !f.IsReadOnly && !f.IsConst && !f.IsImplicitlyDeclared))
                {
                    return false;
                }

                foreach (var property in named.GetMembers().OfType<IPropertySymbol>())
                {
                    if (!property.IsStatic && property.SetMethod is { IsInitOnly: false })
                    {
                        return false;
                    }
                }

                return GetMembers(named).All(m => IsImmutable(m.Type));
            default:
                return false;
        }
    }

    private string ElementWriter(ITypeSymbol element, int depth)
    {
        var d = depth.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"static (ref {WriterType} w{d}, uint i{d}, {Names.Of(element)} e{d}, {SessionType} s{d}) => {{ {Write(element, "i" + d, "e" + d, "w" + d, "s" + d, depth + 1)} }}";
    }

    private string ElementReader(ITypeSymbol element, int depth)
    {
        var d = depth.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"static (ref {ReaderType} r{d}, {WireTypeName} t{d}, {SessionType} s{d}) => {Read(element, "r" + d, "t" + d, "s" + d, depth + 1)}";
    }

    private static bool IsUnsignedEnum(ITypeSymbol type) =>
        ((INamedTypeSymbol)type).EnumUnderlyingType?.SpecialType is SpecialType.System_Byte or SpecialType.System_UInt16
            or SpecialType.System_UInt32 or SpecialType.System_UInt64;

    private string PrimitiveReader(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol)
        {
            return "ReadBytes";
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean: return "ReadBoolean";
            case SpecialType.System_Char: return "ReadChar";
            case SpecialType.System_SByte: return "ReadSByte";
            case SpecialType.System_Byte: return "ReadByte";
            case SpecialType.System_Int16: return "ReadInt16";
            case SpecialType.System_UInt16: return "ReadUInt16";
            case SpecialType.System_Int32: return "ReadInt32";
            case SpecialType.System_UInt32: return "ReadUInt32";
            case SpecialType.System_Int64: return "ReadInt64";
            case SpecialType.System_UInt64: return "ReadUInt64";
            case SpecialType.System_Single: return "ReadSingle";
            case SpecialType.System_Double: return "ReadDouble";
            case SpecialType.System_Decimal: return "ReadDecimal";
            case SpecialType.System_String: return "ReadString";
            case SpecialType.System_DateTime: return "ReadDateTime";
        }

        if (KnownSymbols.Is(type.OriginalDefinition, known.Guid))
        {
            return "ReadGuid";
        }

        if (KnownSymbols.Is(type.OriginalDefinition, known.DateTimeOffset))
        {
            return "ReadDateTimeOffset";
        }

        if (KnownSymbols.Is(type.OriginalDefinition, known.TimeSpan))
        {
            return "ReadTimeSpan";
        }

        return "ReadGrainId";
    }

    private ITypeSymbol? Element(ITypeSymbol type, out Kind kind)
    {
        if (type is IArrayTypeSymbol array)
        {
            if (array.Rank != 1)
            {
                kind = Kind.Unsupported;
                return null;
            }

            kind = array.ElementType.SpecialType == SpecialType.System_Byte ? Kind.Primitive : Kind.Array;
            return array.ElementType;
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean:
            case SpecialType.System_Char:
            case SpecialType.System_SByte:
            case SpecialType.System_Byte:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
            case SpecialType.System_Single:
            case SpecialType.System_Double:
            case SpecialType.System_Decimal:
            case SpecialType.System_String:
            case SpecialType.System_DateTime:
                kind = Kind.Primitive;
                return null;
        }

        if (type is not INamedTypeSymbol named)
        {
            kind = Kind.Unsupported;
            return null;
        }

        var definition = named.OriginalDefinition;
        if (KnownSymbols.Is(definition, known.Guid) || KnownSymbols.Is(definition, known.DateTimeOffset)
            || KnownSymbols.Is(definition, known.TimeSpan) || KnownSymbols.Is(definition, known.GrainIdType))
        {
            kind = Kind.Primitive;
            return null;
        }

        if (named.TypeKind == TypeKind.Enum)
        {
            kind = Kind.Enum;
            return null;
        }

        if (definition.SpecialType == SpecialType.System_Nullable_T)
        {
            kind = Kind.Nullable;
            return named.TypeArguments[0];
        }

        if (known.IsGrainInterface(named))
        {
            kind = Kind.GrainReference;
            return null;
        }

        if (known.HasAttribute(named, known.GenerateSerializer))
        {
            kind = Kind.Generated;
            return null;
        }

        if (named.IsGenericType)
        {
            if (KnownSymbols.Is(definition, known.ImmutableArray))
            {
                kind = Kind.ImmutableArray;
                return named.TypeArguments[0];
            }

            if (known.ListTypes.Any(t => KnownSymbols.Is(definition, t)))
            {
                kind = Kind.List;
                return named.TypeArguments[0];
            }

            if (known.SetTypes.Any(t => KnownSymbols.Is(definition, t)))
            {
                kind = Kind.Set;
                return named.TypeArguments[0];
            }

            if (known.DictionaryTypes.Any(t => KnownSymbols.Is(definition, t)))
            {
                kind = Kind.Dictionary;
                return null;
            }
        }

        kind = Kind.Unsupported;
        return null;
    }

    private enum Kind
    {
        Unsupported,
        Primitive,
        Enum,
        Nullable,
        GrainReference,
        Generated,
        List,
        Array,
        Set,
        ImmutableArray,
        Dictionary,
    }
}
