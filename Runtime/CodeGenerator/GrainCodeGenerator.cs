using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace GameCluster.CodeGenerator;

/// <summary>
/// Generates, for the assembly being built: a codec per <c>[GenerateSerializer]</c> type, a proxy per grain
/// interface, a request class per grain method, and a manifest that registers them and the assembly's grain classes.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class GrainCodeGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context) =>
        context.RegisterSourceOutput(context.CompilationProvider, static (output, compilation) => Execute(output, compilation));

    private static void Execute(SourceProductionContext output, Compilation compilation)
    {
        var known = KnownSymbols.Create(compilation);
        if (known is null)
        {
            return;
        }

        var fields = new FieldCodecEmitter(known);
        var serializers = new SerializerEmitter(fields);
        var interfaces = new InterfaceEmitter(known, fields);
        var classes = new GrainClassEmitter(known);
        var registrations = new List<string>();
        var types = AllTypes(compilation.Assembly.GlobalNamespace).ToList();

        foreach (var type in types.Where(t => known.HasAttribute(t, known.GenerateSerializer)))
        {
            if (serializers.Emit(type, output.ReportDiagnostic) is { } source)
            {
                output.AddSource($"Codec_{Names.Mangle(Names.Full(type))}.g.cs", source);
            }
        }

        foreach (var iface in types.Where(known.IsGrainInterface))
        {
            var methods = interfaces.GetMethods(iface, output.ReportDiagnostic);
            if (methods is null)
            {
                continue;
            }

            output.AddSource($"{Names.Proxy(iface)}.g.cs", interfaces.EmitProxy(iface, methods));
            registrations.Add($"builder.AddInterface(new global::GameCluster.Metadata.GrainInterfaceInfo(typeof({Names.OfNotNull(iface)}), {Names.Literal(Names.Full(iface))}, static (invoker, grainId) => new global::{Names.GeneratedNamespace}.{Names.Proxy(iface)}(invoker, grainId)));");
            foreach (var method in methods.Where(m => SymbolEqualityComparer.Default.Equals(m.DeclaringInterface, iface)))
            {
                output.AddSource($"{method.RequestName}.g.cs", interfaces.EmitRequest(method));
                registrations.Add($"builder.AddRequest(global::{Names.GeneratedNamespace}.{method.RequestName}.MetadataInstance, static () => new global::{Names.GeneratedNamespace}.{method.RequestName}());");
            }
        }

        foreach (var grainClass in types.Where(known.IsGrainClass))
        {
            if (classes.EmitRegistration(grainClass, output.ReportDiagnostic) is { } registration)
            {
                registrations.Add(registration);
            }
        }

        if (registrations.Count == 0)
        {
            return;
        }

        var manifest = Names.Manifest(compilation.AssemblyName ?? "Assembly");
        var file = new GeneratedFile()
            .Line($"[assembly: global::GameCluster.Metadata.GeneratedManifest(typeof(global::{Names.GeneratedNamespace}.{manifest}))]")
            .Line()
            .Line($"namespace {Names.GeneratedNamespace};")
            .Line()
            .Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]")
            .Line($"public sealed class {manifest} : global::GameCluster.Metadata.IManifestProvider")
            .Line("{")
            .Line("    public void Populate(global::GameCluster.Metadata.ManifestBuilder builder)")
            .Line("    {");
        foreach (var registration in registrations)
        {
            file.Line("        " + registration);
        }

        file.Line("    }")
            .Line("}");
        output.AddSource($"{manifest}.g.cs", file.ToString());
    }

    private static IEnumerable<INamedTypeSymbol> AllTypes(INamespaceSymbol root)
    {
        foreach (var member in root.GetMembers())
        {
            if (member is INamespaceSymbol ns)
            {
                foreach (var type in AllTypes(ns))
                {
                    yield return type;
                }
            }
            else if (member is INamedTypeSymbol type)
            {
                foreach (var nested in Nested(type))
                {
                    yield return nested;
                }
            }
        }
    }

    private static IEnumerable<INamedTypeSymbol> Nested(INamedTypeSymbol type)
    {
        yield return type;
        foreach (var inner in type.GetTypeMembers())
        {
            foreach (var nested in Nested(inner))
            {
                yield return nested;
            }
        }
    }
}
