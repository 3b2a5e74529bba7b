using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace GameCluster.CodeGenerator;

/// <summary>Emits the codec (writer, reader, deep copier) of a <c>[GenerateSerializer]</c> type.</summary>
internal sealed class SerializerEmitter(FieldCodecEmitter fields)
{
    public string? Emit(INamedTypeSymbol type, Action<Diagnostic> report)
    {
        var location = type.Locations.FirstOrDefault();
        if (type.IsGenericType)
        {
            report(Diagnostic.Create(GeneratorDiagnostics.UnsupportedType, location, Names.Full(type), "generic types cannot be [GenerateSerializer]"));
            return null;
        }

        var members = fields.GetMembers(type);
        var duplicate = members.GroupBy(m => m.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            report(Diagnostic.Create(GeneratorDiagnostics.UnsupportedType, location, Names.Full(type),
                $"[Id({duplicate.Key})] is used by {string.Join(" and ", duplicate.Select(m => m.Name))}"));
            return null;
        }

        foreach (var member in members)
        {
            if (fields.Unsupported(member.Type) is { } reason)
            {
                report(Diagnostic.Create(GeneratorDiagnostics.UnsupportedType, location, $"{Names.Full(type)}.{member.Name}", reason));
                return null;
            }
        }

        var constructor = ChooseConstructor(type, members);
        var viaConstructor = constructor?.Parameters
            .Select(p => members.First(m => string.Equals(m.Name, p.Name, StringComparison.OrdinalIgnoreCase)))
            .ToList() ?? [];
        var viaInitializer = members.Where(m => !viaConstructor.Contains(m)).ToList();
        var notAssignable = viaInitializer.FirstOrDefault(m => !m.CanAssign);
        if ((constructor is null && !type.IsValueType) || notAssignable is not null)
        {
            report(Diagnostic.Create(GeneratorDiagnostics.UnsupportedType, location, Names.Full(type),
                notAssignable is not null
                    ? $"member {notAssignable.Name} is neither settable nor a constructor parameter"
                    : "it needs an accessible constructor whose parameters match [Id] members, or a parameterless one"));
            return null;
        }

        var typeName = Names.OfNotNull(type);
        var nullableName = type.IsValueType ? typeName : typeName + "?";
        var codec = Names.Codec(type).Substring(("global::" + Names.GeneratedNamespace + ".").Length);
        var ordered = members.OrderBy(m => m.Id).ToList();
        var file = new GeneratedFile()
            .Line($"namespace {Names.GeneratedNamespace};")
            .Line()
            .Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]")
            .Line($"{Visibility.Of(type)} static class {codec}")
            .Line("{")
            .Line($"    public static void WriteField(ref global::GameCluster.Serialization.Writer writer, uint fieldId, {nullableName} value, global::GameCluster.Serialization.SerializerSession session)")
            .Line("    {");
        if (!type.IsValueType)
        {
            file.Line("        if (value is null) { writer.WriteNull(fieldId); return; }");
        }

        file.Line("        writer.WriteStartObject(fieldId);")
            .Line("        WriteFields(ref writer, value, session);")
            .Line("        writer.WriteEndObject();")
            .Line("    }")
            .Line()
            .Line($"    public static void WriteFields(ref global::GameCluster.Serialization.Writer writer, {typeName} value, global::GameCluster.Serialization.SerializerSession session)")
            .Line("    {");
        for (var i = 0; i < ordered.Count; i++)
        {
            var member = ordered[i];
            file.Line($"        {{ {fields.Write(member.Type, member.Id + "u", "value." + Names.Identifier(member.Name), "writer", "session", i * 100)} }}");
        }

        file.Line("    }")
            .Line()
            .Line($"    public static {typeName} ReadField(ref global::GameCluster.Serialization.Reader reader, global::GameCluster.Serialization.WireType wireType, global::GameCluster.Serialization.SerializerSession session)")
            .Line("    {")
            .Line("        if (wireType == global::GameCluster.Serialization.WireType.Null) return default!;")
            .Line("        global::GameCluster.Serialization.Reader.Expect(wireType, global::GameCluster.Serialization.WireType.StartObject);")
            .Line("        return ReadFields(ref reader, session);")
            .Line("    }")
            .Line()
            .Line($"    public static {typeName} ReadFields(ref global::GameCluster.Serialization.Reader reader, global::GameCluster.Serialization.SerializerSession session)")
            .Line("    {");
        for (var i = 0; i < ordered.Count; i++)
        {
            file.Line($"        {Names.Of(ordered[i].Type)} f{i} = default!;");
        }

        file.Line("        while (true)")
            .Line("        {")
            .Line("            var fieldType = reader.ReadTag(out var id);")
            .Line("            if (fieldType == global::GameCluster.Serialization.WireType.EndObject) break;")
            .Line("            switch (id)")
            .Line("            {");
        for (var i = 0; i < ordered.Count; i++)
        {
            file.Line($"                case {ordered[i].Id}u: f{i} = {fields.Read(ordered[i].Type, "reader", "fieldType", "session", i * 100)}; break;");
        }

        file.Line("                default: reader.SkipField(fieldType); break;")
            .Line("            }")
            .Line("        }")
            .Line()
            .Line($"        return {Construct(typeName, viaConstructor, viaInitializer, m => "f" + ordered.IndexOf(m))};")
            .Line("    }")
            .Line()
            .Line($"    public static {typeName} DeepCopy({typeName} value)")
            .Line("    {");
        if (fields.IsImmutable(type))
        {
            file.Line("        return value;");
        }
        else
        {
            if (!type.IsValueType)
            {
                file.Line("        if (value is null) return null!;");
            }

            file.Line($"        return {Construct(typeName, viaConstructor, viaInitializer, m => fields.Copy(m.Type, "value." + Names.Identifier(m.Name), ordered.IndexOf(m) * 100))};");
        }

        file.Line("    }")
            .Line("}");
        return file.ToString();
    }

    private static string Construct(string typeName, List<SerializableMember> viaConstructor, List<SerializableMember> viaInitializer, Func<SerializableMember, string> value)
    {
        var arguments = string.Join(", ", viaConstructor.Select(value));
        var initializer = viaInitializer.Count == 0
            ? string.Empty
            : " { " + string.Join(", ", viaInitializer.Select(m => $"{Names.Identifier(m.Name)} = {value(m)}")) + " }";
        return $"new {typeName}({arguments}){initializer}";
    }

    private static IMethodSymbol? ChooseConstructor(INamedTypeSymbol type, List<SerializableMember> members)
    {
        IMethodSymbol? best = null;
        foreach (var constructor in type.InstanceConstructors)
        {
            if (constructor.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal))
            {
                continue;
            }

            var matches = constructor.Parameters.All(p => members.Any(m =>
                string.Equals(m.Name, p.Name, StringComparison.OrdinalIgnoreCase)
                && SymbolEqualityComparer.Default.Equals(m.Type.WithNullableAnnotation(NullableAnnotation.None), p.Type.WithNullableAnnotation(NullableAnnotation.None))));
            if (!matches || IsCopyConstructor(type, constructor))
            {
                continue;
            }

            if (best is null || constructor.Parameters.Length > best.Parameters.Length)
            {
                best = constructor;
            }
        }

        return best;
    }

    private static bool IsCopyConstructor(INamedTypeSymbol type, IMethodSymbol constructor) =>
        constructor.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(constructor.Parameters[0].Type, type);
}
