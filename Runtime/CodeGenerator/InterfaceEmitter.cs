using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace GameCluster.CodeGenerator;

/// <summary>Emits the proxy of a grain interface and one request class per method.</summary>
internal sealed class InterfaceEmitter(KnownSymbols known, FieldCodecEmitter fields)
{
    /// <summary>The methods of a grain interface, including those it inherits from other grain interfaces.</summary>
    public List<GrainMethod>? GetMethods(INamedTypeSymbol iface, Action<Diagnostic> report)
    {
        var result = new List<GrainMethod>();
        var interfaces = new[] { iface }.Concat(iface.AllInterfaces.Where(known.IsGrainInterface));
        var ok = true;
        foreach (var declaring in interfaces)
        {
            foreach (var method in declaring.GetMembers().OfType<IMethodSymbol>())
            {
                if (method.MethodKind != MethodKind.Ordinary || method.IsStatic || !method.IsAbstract)
                {
                    continue;
                }

                var grainMethod = Describe(declaring, method, report);
                if (grainMethod is null)
                {
                    ok = false;
                }
                else
                {
                    result.Add(grainMethod);
                }
            }
        }

        return ok ? result : null;
    }

    public string EmitProxy(INamedTypeSymbol iface, List<GrainMethod> methods)
    {
        var name = Names.Proxy(iface);
        var ifaceName = Names.OfNotNull(iface);
        var file = new GeneratedFile()
            .Line($"namespace {Names.GeneratedNamespace};")
            .Line()
            .Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]")
            .Line($"{Visibility.Of(iface)} sealed class {name} : global::GameCluster.Invocation.GrainReference, {ifaceName}")
            .Line("{")
            .Line($"    public {name}(global::GameCluster.Invocation.IGrainCallInvoker invoker, global::GameCluster.GrainId grainId) : base(invoker, grainId) {{ }}")
            .Line()
            .Line($"    public override global::System.Type InterfaceType => typeof({ifaceName});");
        foreach (var method in methods)
        {
            var parameters = string.Join(", ", method.Method.Parameters.Select(p => $"{Names.Of(p.Type)} {Names.Identifier(p.Name)}"));
            file.Line()
                .Line($"    {Names.Of(method.Method.ReturnType)} {Names.OfNotNull(method.DeclaringInterface)}.{Names.Identifier(method.Method.Name)}({parameters})")
                .Line("    {")
                .Line($"        var request = new {RequestReference(method)}();");
            for (var i = 0; i < method.Method.Parameters.Length; i++)
            {
                file.Line($"        request.Arg{i} = {Names.Identifier(method.Method.Parameters[i].Name)};");
            }

            if (method.IsOneWay)
            {
                file.Line("        InvokeOneWay(request);")
                    .Line(method.Shape == ReturnShape.Task ? "        return global::System.Threading.Tasks.Task.CompletedTask;" : "        return default;");
            }
            else
            {
                switch (method.Shape)
                {
                    case ReturnShape.Task:
                    case ReturnShape.TaskOfT:
                        file.Line("        return InvokeAsync(request);");
                        break;
                    case ReturnShape.ValueTask:
                        file.Line("        return new global::System.Threading.Tasks.ValueTask(InvokeAsync(request));");
                        break;
                    case ReturnShape.ValueTaskOfT:
                        file.Line($"        return new global::System.Threading.Tasks.ValueTask<{method.ResultName}>(InvokeAsync(request));");
                        break;
                }
            }

            file.Line("    }");
        }

        file.Line("}");
        return file.ToString();
    }

    public string EmitRequest(GrainMethod method)
    {
        var parameters = method.Method.Parameters;
        var requiresCopy = parameters.Any(p => !fields.IsImmutable(p.Type));
        var file = new GeneratedFile()
            .Line($"namespace {Names.GeneratedNamespace};")
            .Line()
            .Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]")
            .Line($"{Visibility.Of(method.DeclaringInterface)} sealed class {method.RequestName} : global::GameCluster.Invocation.Request<{method.ResultName}>")
            .Line("{")
            .Line("    public static readonly global::GameCluster.Invocation.RequestMetadata MetadataInstance = new(")
            .Line($"        typeof({Names.OfNotNull(method.DeclaringInterface)}), {Names.Literal(Names.Full(method.DeclaringInterface))}, {Names.Literal(method.Method.Name)}, {Names.Literal(method.MethodKey)}, {method.Flags});")
            .Line();
        for (var i = 0; i < parameters.Length; i++)
        {
            file.Line($"    public {Names.Of(parameters[i].Type)} Arg{i} = default!;");
        }

        file.Line()
            .Line("    public override global::GameCluster.Invocation.RequestMetadata Metadata => MetadataInstance;")
            .Line($"    public override int ArgumentCount => {parameters.Length};")
            .Line($"    public override bool ArgumentsRequireCopy => {(requiresCopy ? "true" : "false")};")
            .Line()
            .Line("    public override object? GetArgument(int index) => index switch")
            .Line("    {");
        for (var i = 0; i < parameters.Length; i++)
        {
            file.Line($"        {i} => Arg{i},");
        }

        file.Line("        _ => throw new global::System.ArgumentOutOfRangeException(nameof(index)),")
            .Line("    };")
            .Line()
            .Line("    public override void SetArgument(int index, object? value)")
            .Line("    {")
            .Line("        switch (index)")
            .Line("        {");
        for (var i = 0; i < parameters.Length; i++)
        {
            file.Line($"            case {i}: Arg{i} = ({Names.Of(parameters[i].Type)})value!; break;");
        }

        file.Line("            default: throw new global::System.ArgumentOutOfRangeException(nameof(index));")
            .Line("        }")
            .Line("    }")
            .Line()
            .Line("    public override void CopyArguments()")
            .Line("    {");
        for (var i = 0; i < parameters.Length; i++)
        {
            if (!fields.IsImmutable(parameters[i].Type))
            {
                file.Line($"        Arg{i} = {fields.Copy(parameters[i].Type, "Arg" + i, i * 100)};");
            }
        }

        file.Line("    }")
            .Line()
            .Line("    public override void WriteArguments(ref global::GameCluster.Serialization.Writer writer, global::GameCluster.Serialization.SerializerSession session)")
            .Line("    {");
        for (var i = 0; i < parameters.Length; i++)
        {
            file.Line($"        {{ {fields.Write(parameters[i].Type, i + "u", "Arg" + i, "writer", "session", i * 100)} }}");
        }

        file.Line("        writer.WriteEndObject();")
            .Line("    }")
            .Line()
            .Line("    public override void ReadArguments(ref global::GameCluster.Serialization.Reader reader, global::GameCluster.Serialization.SerializerSession session)")
            .Line("    {")
            .Line("        while (true)")
            .Line("        {")
            .Line("            var fieldType = reader.ReadTag(out var id);")
            .Line("            if (fieldType == global::GameCluster.Serialization.WireType.EndObject) return;")
            .Line("            switch (id)")
            .Line("            {");
        for (var i = 0; i < parameters.Length; i++)
        {
            file.Line($"                case {i}u: Arg{i} = {fields.Read(parameters[i].Type, "reader", "fieldType", "session", i * 100)}; break;");
        }

        file.Line("                default: reader.SkipField(fieldType); break;")
            .Line("            }")
            .Line("        }")
            .Line("    }")
            .Line();
        if (method.ResultType is null)
        {
            file.Line($"    public override {method.ResultName} CopyResult({method.ResultName} value) => value;")
                .Line($"    public override void WriteResult(ref global::GameCluster.Serialization.Writer writer, {method.ResultName} value, global::GameCluster.Serialization.SerializerSession session) {{ }}")
                .Line($"    public override {method.ResultName} ReadResult(ref global::GameCluster.Serialization.Reader reader, global::GameCluster.Serialization.SerializerSession session) => default;");
        }
        else
        {
            file.Line($"    public override {method.ResultName} CopyResult({method.ResultName} value) => {fields.Copy(method.ResultType, "value", 0)};")
                .Line($"    public override void WriteResult(ref global::GameCluster.Serialization.Writer writer, {method.ResultName} value, global::GameCluster.Serialization.SerializerSession session)")
                .Line("    {")
                .Line($"        {fields.Write(method.ResultType, "0u", "value", "writer", "session", 0)}")
                .Line("    }")
                .Line($"    public override {method.ResultName} ReadResult(ref global::GameCluster.Serialization.Reader reader, global::GameCluster.Serialization.SerializerSession session)")
                .Line("    {")
                .Line("        var fieldType = reader.ReadTag(out _);")
                .Line($"        return {fields.Read(method.ResultType, "reader", "fieldType", "session", 0)};")
                .Line("    }");
        }

        var arguments = string.Join(", ", parameters.Select((_, i) => "Arg" + i));
        var call = $"(({Names.OfNotNull(method.DeclaringInterface)})grain).{Names.Identifier(method.Method.Name)}({arguments})";
        var invoke = method.Shape switch
        {
            ReturnShape.Task => $"global::GameCluster.Invocation.VoidResult.FromTask({call})",
            ReturnShape.ValueTask => $"global::GameCluster.Invocation.VoidResult.FromValueTask({call})",
            ReturnShape.TaskOfT => $"new global::System.Threading.Tasks.ValueTask<{method.ResultName}>({call})",
            _ => call,
        };
        file.Line()
            .Line($"    protected override global::System.Threading.Tasks.ValueTask<{method.ResultName}> InvokeMethodAsync(object grain) => {invoke};")
            .Line("}");
        return file.ToString();
    }

    private static string RequestReference(GrainMethod method) => $"global::{Names.GeneratedNamespace}.{method.RequestName}";

    private GrainMethod? Describe(INamedTypeSymbol declaring, IMethodSymbol method, Action<Diagnostic> report)
    {
        var location = method.Locations.FirstOrDefault();
        var display = $"{Names.Full(declaring)}.{method.Name}";
        string? problem = null;
        if (declaring.IsGenericType)
        {
            problem = "generic grain interfaces are not supported";
        }
        else if (method.IsGenericMethod)
        {
            problem = "generic methods are not supported";
        }
        else if (method.Parameters.Any(p => p.RefKind != RefKind.None))
        {
            problem = "ref, out and in parameters are not supported";
        }

        ITypeSymbol? resultType = null;
        var shape = ReturnShape.Task;
        var returnType = method.ReturnType as INamedTypeSymbol;
        if (KnownSymbols.Is(returnType, known.Task))
        {
            shape = ReturnShape.Task;
        }
        else if (KnownSymbols.Is(returnType, known.ValueTask))
        {
            shape = ReturnShape.ValueTask;
        }
        else if (KnownSymbols.Is(returnType?.OriginalDefinition, known.TaskOfT))
        {
            shape = ReturnShape.TaskOfT;
            resultType = returnType!.TypeArguments[0];
        }
        else if (KnownSymbols.Is(returnType?.OriginalDefinition, known.ValueTaskOfT))
        {
            shape = ReturnShape.ValueTaskOfT;
            resultType = returnType!.TypeArguments[0];
        }
        else
        {
            problem ??= "grain methods must return Task, Task<T>, ValueTask or ValueTask<T>";
        }

        var flags = new List<string>();
        if (known.HasAttribute(method, known.ReadOnly))
        {
            flags.Add("global::GameCluster.Invocation.RequestFlags.ReadOnly");
        }

        if (known.HasAttribute(method, known.AlwaysInterleave))
        {
            flags.Add("global::GameCluster.Invocation.RequestFlags.AlwaysInterleave");
        }

        if (known.HasAttribute(method, known.OneWay))
        {
            flags.Add("global::GameCluster.Invocation.RequestFlags.OneWay");
            if (resultType is not null)
            {
                problem ??= "[OneWay] methods must return Task or ValueTask";
            }
        }

        foreach (var parameter in method.Parameters)
        {
            if (fields.Unsupported(parameter.Type) is { } reason)
            {
                problem ??= $"parameter {parameter.Name}: {reason}";
            }
        }

        if (resultType is not null && fields.Unsupported(resultType) is { } resultReason)
        {
            problem ??= $"result: {resultReason}";
        }

        if (problem is not null)
        {
            report(Diagnostic.Create(GeneratorDiagnostics.UnsupportedMethod, location, display, problem));
            return null;
        }

        var key = $"{Names.Full(declaring)}.{method.Name}({string.Join(",", method.Parameters.Select(p => Names.Full(p.Type)))})";
        return new GrainMethod(declaring, method, key, resultType, shape,
            flags.Count == 0 ? "global::GameCluster.Invocation.RequestFlags.None" : string.Join(" | ", flags));
    }
}
