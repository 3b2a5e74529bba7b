using System;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace GameCluster.CodeGenerator;

/// <summary>Emits the manifest entry of a grain class: its grain type, interfaces, attributes and a factory that resolves constructor parameters.</summary>
internal sealed class GrainClassEmitter(KnownSymbols known)
{
    public string? EmitRegistration(INamedTypeSymbol grainClass, Action<Diagnostic> report)
    {
        var location = grainClass.Locations.FirstOrDefault();
        var constructor = grainClass.InstanceConstructors
            .Where(c => c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal)
            .OrderByDescending(c => c.Parameters.Length)
            .FirstOrDefault();
        if (constructor is null)
        {
            report(Diagnostic.Create(GeneratorDiagnostics.UnsupportedGrainClass, location, Names.Full(grainClass), "it has no public or internal constructor"));
            return null;
        }

        var arguments = new string[constructor.Parameters.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            var parameter = constructor.Parameters[i];
            var attribute = known.GetAttribute(parameter, known.PersistentState);
            if (attribute is null)
            {
                arguments[i] = $"global::GameCluster.Runtime.GrainActivator.GetService<{Names.OfNotNull(parameter.Type)}>(context)";
                continue;
            }

            if (parameter.Type is not INamedTypeSymbol { IsGenericType: true } stateType
                || !KnownSymbols.Is(stateType.OriginalDefinition, known.PersistentStateInterface))
            {
                report(Diagnostic.Create(GeneratorDiagnostics.UnsupportedGrainClass, location, Names.Full(grainClass),
                    $"[PersistentState] parameter {parameter.Name} must be an IPersistentState<T>"));
                return null;
            }

            var state = stateType.TypeArguments[0];
            if (state is INamedTypeSymbol { IsValueType: false } named
                && !named.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal))
            {
                report(Diagnostic.Create(GeneratorDiagnostics.UnsupportedGrainClass, location, Names.Full(grainClass),
                    $"state type {Names.Full(state)} needs a parameterless constructor for its default value"));
                return null;
            }

            var stateName = (string?)attribute.ConstructorArguments[0].Value ?? parameter.Name;
            var storageName = attribute.ConstructorArguments.Length > 1 ? (string?)attribute.ConstructorArguments[1].Value : null;
            arguments[i] = $"context.GetPersistentState<{Names.Of(state)}>({Names.Literal(stateName)}, {(storageName is null ? "null" : Names.Literal(storageName))}, static () => new {Names.OfNotNull(state)}())";
        }

        var interfaces = grainClass.AllInterfaces.Where(known.IsGrainInterface).Select(i => $"typeof({Names.OfNotNull(i)})");
        var grainType = GrainTypeName(grainClass);
        var properties = "IsReentrant = " + (known.HasAttribute(grainClass, known.Reentrant) ? "true" : "false");
        if (known.GetAttribute(grainClass, known.StatelessWorker) is { } worker)
        {
            var max = worker.ConstructorArguments.Length > 0 ? (int)worker.ConstructorArguments[0].Value! : 0;
            properties += $", IsStatelessWorker = true, MaxLocalWorkers = {max.ToString(CultureInfo.InvariantCulture)}";
        }

        var placement = grainClass.GetAttributes().FirstOrDefault(a => InheritsFrom(a.AttributeClass, known.Placement));
        if (placement?.AttributeClass is { } placementType)
        {
            properties += $", Placement = new {Names.OfNotNull(placementType)}().Strategy";
        }

        if (known.GetAttribute(grainClass, known.CollectionAgeLimit) is { } ageLimit)
        {
            double seconds = 0;
            foreach (var argument in ageLimit.NamedArguments)
            {
                var value = Convert.ToDouble(argument.Value.Value, CultureInfo.InvariantCulture);
                seconds += argument.Key == "Minutes" ? value * 60 : value;
            }

            properties += $", CollectionAge = global::System.TimeSpan.FromSeconds({seconds.ToString("R", CultureInfo.InvariantCulture)})";
        }

        return $"builder.AddGrainClass(new global::GameCluster.Metadata.GrainClassInfo(typeof({Names.OfNotNull(grainClass)}), {Names.Literal(grainType)}, "
            + $"new global::System.Type[] {{ {string.Join(", ", interfaces)} }}, "
            + $"static context => new {Names.OfNotNull(grainClass)}({string.Join(", ", arguments)})) {{ {properties} }});";
    }

    private static bool InheritsFrom(INamedTypeSymbol? type, INamedTypeSymbol? baseType)
    {
        for (var current = type?.BaseType; current is not null; current = current.BaseType)
        {
            if (KnownSymbols.Is(current, baseType))
            {
                return true;
            }
        }

        return false;
    }

    private string GrainTypeName(INamedTypeSymbol grainClass)
    {
        if (known.GetAttribute(grainClass, known.GrainType) is { } attribute && attribute.ConstructorArguments[0].Value is string name)
        {
            return name;
        }

        var className = grainClass.Name;
        if (className.Length > "Grain".Length && className.EndsWith("Grain", StringComparison.Ordinal))
        {
            className = className.Substring(0, className.Length - "Grain".Length);
        }

        return className.ToLowerInvariant();
    }
}
