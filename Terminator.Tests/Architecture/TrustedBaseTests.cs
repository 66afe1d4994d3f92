using Mono.Cecil;
using Mono.Cecil.Cil;
using NUnit.Framework;
using Terminator.Core;

namespace Terminator.Tests.Architecture;

/// <summary>
/// The code trusted for soundness (the IR, the lowering to transitions, the logic, the solver layer, the certificate
/// checker and the interpreter) must not use the prover: a bug in the prover's helpers could then hide in the checker.
/// Read from the compiled assembly, so that every reference counts: signatures, fields, locals and method bodies.
/// </summary>
[TestFixture]
public sealed class TrustedBaseTests
{
    private const string Prover = "Terminator.Core.Analysis";

    private static readonly string[] Trusted =
    [
        "Terminator.Core.Ir",
        "Terminator.Core.Cfg",
        "Terminator.Core.Logic",
        "Terminator.Core.Smt",
        "Terminator.Core.Certificates",
        "Terminator.Core.Interpretation",
    ];

    [Test]
    public void TheTrustedBaseReferencesNoProverType()
    {
        using var module = ModuleDefinition.ReadModule(typeof(TerminationAnalyzer).Assembly.Location);
        var trustedTypes = module.GetTypes().Where(t => Trusted.Contains(Outermost(t).Namespace)).ToList();
        var violations = trustedTypes
            .SelectMany(t => References(t).Select(r => (User: t.FullName, Used: r)))
            .Where(p => Outermost(p.Used).Namespace == Prover)
            .Select(p => $"{p.User} uses {p.Used.FullName}")
            .Distinct()
            .ToList();
        Assert.Multiple(() =>
        {
            Assert.That(trustedTypes, Has.Count.GreaterThan(20), "the trusted namespaces were found in the assembly");
            Assert.That(violations, Is.Empty);
        });
    }

    [Test]
    public void TheScanSeesAReferenceInAMethodBody()
    {
        // The prover's own types reference each other; the scan must find such a reference, or it could find none.
        using var module = ModuleDefinition.ReadModule(typeof(TerminationAnalyzer).Assembly.Location);
        var prover = module.GetTypes().Where(t => Outermost(t).Namespace == Prover).ToList();
        var found = prover.SelectMany(References).Any(r => Outermost(r).Namespace == Prover && r.Name == "Farkas");
        Assert.That(found, Is.True);
    }

    private static TypeReference Outermost(TypeReference type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type;
    }

    /// <summary>Every type <paramref name="type"/> mentions, generic arguments and element types unwrapped.</summary>
    private static IEnumerable<TypeReference> References(TypeDefinition type)
    {
        var direct = new List<TypeReference?> { type.BaseType };
        direct.AddRange(type.Interfaces.Select(i => i.InterfaceType));
        direct.AddRange(type.Fields.Select(f => f.FieldType));
        direct.AddRange(type.Properties.Select(p => p.PropertyType));
        foreach (var method in type.Methods)
        {
            direct.Add(method.ReturnType);
            direct.AddRange(method.Parameters.Select(p => p.ParameterType));
            if (!method.HasBody)
            {
                continue;
            }

            direct.AddRange(method.Body.Variables.Select(v => v.VariableType));
            foreach (var instruction in method.Body.Instructions)
            {
                direct.AddRange(Operand(instruction));
            }
        }

        return direct.OfType<TypeReference>().SelectMany(Unwrap);
    }

    private static IEnumerable<TypeReference?> Operand(Instruction instruction) => instruction.Operand switch
    {
        TypeReference t => [t],
        MethodReference m => [m.DeclaringType, m.ReturnType, .. m.Parameters.Select(p => p.ParameterType), .. (m as GenericInstanceMethod)?.GenericArguments ?? []],
        FieldReference f => [f.DeclaringType, f.FieldType],
        _ => [],
    };

    private static IEnumerable<TypeReference> Unwrap(TypeReference type)
    {
        yield return type;
        switch (type)
        {
            case GenericInstanceType generic:
                foreach (var inner in generic.GenericArguments.Prepend(generic.ElementType).SelectMany(Unwrap))
                {
                    yield return inner;
                }

                break;
            case TypeSpecification specification:
                foreach (var inner in Unwrap(specification.ElementType))
                {
                    yield return inner;
                }

                break;
        }
    }
}
