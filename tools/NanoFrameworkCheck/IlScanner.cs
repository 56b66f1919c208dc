using Mono.Cecil;

namespace CardFirmware.NanoFrameworkCheck;

/// <summary>
/// Scans built card assemblies for what nanoFramework 1.x cannot load or run although the C#
/// compiler accepted it: generic types or methods declared (NFIL03) or instantiated (NFIL02),
/// references to types and members that the API surface does not list (NFIL01), and references
/// to assemblies that are neither a nanoFramework library nor a card assembly (NFIL04).
/// </summary>
/// <remarks>
/// Why an IL scan as well as the compile: user-defined generics compile against the 1.x mscorlib
/// but the 1.x runtime has no generics (shared/nanoframework/README.md, "Generics"); and a
/// reference assembly generated from the surface could in principle carry a member the real
/// library lacks, so every external reference is checked against the surface itself.
/// </remarks>
public static class IlScanner
{
    /// <summary>
    /// Scans <paramref name="assemblies"/>; returns one MSBuild-style error line per finding
    /// (<c>path : error NFILnn: text</c>), in a fixed order. Card assemblies may reference each
    /// other: the scanned ones and <paramref name="cardReferences"/> (paths or file names of the
    /// card assemblies the scanned ones were compiled against).
    /// </summary>
    public static IReadOnlyList<string> Scan(ApiSurface surface, IEnumerable<string> assemblies, IEnumerable<string> cardReferences)
    {
        var paths = assemblies.Select(Path.GetFullPath).ToList();
        var cardNames = new HashSet<string>(
            paths.Concat(cardReferences).Select(p => Path.GetFileNameWithoutExtension(p)),
            StringComparer.Ordinal);
        cardNames.ExceptWith(surface.ByAssembly.Keys);

        var findings = new List<string>();
        foreach (var path in paths)
        {
            using var module = ModuleDefinition.ReadModule(path, new ReaderParameters { ReadSymbols = false });
            findings.AddRange(ScanModule(surface, module, cardNames).Distinct().Select(f => path + " : " + f));
        }

        return findings;
    }

    private static IEnumerable<string> ScanModule(ApiSurface surface, ModuleDefinition module, HashSet<string> cardNames)
    {
        foreach (var reference in module.AssemblyReferences.OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            if (!surface.ByAssembly.ContainsKey(reference.Name) && !cardNames.Contains(reference.Name))
            {
                yield return "error NFIL04: references assembly '" + reference.Name + "', which is neither a nanoFramework library of the API surface nor a card assembly";
            }
        }

        foreach (var type in module.GetTypeReferences().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            var section = SectionOf(surface, type);
            var id = DocumentationId.Of(type);
            if (section is not null && !section.Contains(id))
            {
                yield return "error NFIL01: '" + id + "' is not in the nanoFramework API surface of " + section.PackageId;
            }
        }

        foreach (var member in module.GetMemberReferences().OrderBy(m => m.FullName, StringComparer.Ordinal))
        {
            if (ContainsGeneric(member.DeclaringType) || member is GenericInstanceMethod)
            {
                yield return "error NFIL02: generic instantiation '" + member.FullName + "'";
                continue;
            }

            var section = SectionOf(surface, member.DeclaringType);
            if (section is not null && !DocumentationId.CandidatesOf(member).Any(section.Contains) && !IsDelegateConstructor(section, member))
            {
                yield return "error NFIL01: '" + DocumentationId.CandidatesOf(member).First() + "' is not in the nanoFramework API surface of " + section.PackageId;
            }
        }

        foreach (var type in module.GetTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            foreach (var finding in ScanType(type))
            {
                yield return finding;
            }
        }
    }

    /// <summary>
    /// The constructor (object, native int) that the runtime gives every delegate type: C# calls it
    /// for each <c>new Handler(Method)</c> and event subscription. The surface lists a delegate by
    /// its <c>T:</c> line and <c>Invoke</c> only, so a surface delegate's runtime constructor is accepted.
    /// </summary>
    private static bool IsDelegateConstructor(SurfaceSection section, MemberReference member)
    {
        return member is MethodReference { Name: ".ctor" } method
            && method.Parameters.Count == 2
            && method.Parameters[0].ParameterType.FullName == "System.Object"
            && method.Parameters[1].ParameterType.FullName == "System.IntPtr"
            && section.Entries.Any(e => e.Kind == 'T' && e.KindWord == "delegate" && e.Id == DocumentationId.Of(member.DeclaringType));
    }

    private static IEnumerable<string> ScanType(TypeDefinition type)
    {
        if (type.HasGenericParameters)
        {
            yield return "error NFIL03: generic type '" + type.FullName + "' declared";
        }

        var signatureTypes = new List<(string Where, TypeReference Type)>();
        if (type.BaseType is not null)
        {
            signatureTypes.Add((type.FullName, type.BaseType));
        }

        signatureTypes.AddRange(type.Interfaces.Select(i => (type.FullName, i.InterfaceType)));
        signatureTypes.AddRange(type.Fields.Select(f => (type.FullName + "." + f.Name, f.FieldType)));
        foreach (var method in type.Methods)
        {
            var where = type.FullName + "." + method.Name;
            if (method.HasGenericParameters)
            {
                yield return "error NFIL03: generic method '" + where + "<" + string.Join(",", method.GenericParameters.Select(p => p.Name)) + ">' declared";
            }

            signatureTypes.Add((where, method.ReturnType));
            signatureTypes.AddRange(method.Parameters.Select(p => (where, p.ParameterType)));
            if (!method.HasBody)
            {
                continue;
            }

            signatureTypes.AddRange(method.Body.Variables.Select(v => (where, v.VariableType)));
            foreach (var instruction in method.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case GenericInstanceMethod generic:
                        yield return "error NFIL02: generic instantiation '" + generic.FullName + "' in " + where;
                        break;
                    case MemberReference member when member is not TypeReference && ContainsGeneric(member.DeclaringType):
                        yield return "error NFIL02: generic instantiation '" + member.DeclaringType.FullName + "' in " + where;
                        break;
                    case TypeReference operandType:
                        signatureTypes.Add((where, operandType));
                        break;
                }
            }
        }

        foreach (var (where, signatureType) in signatureTypes)
        {
            if (ContainsGeneric(signatureType) && !(signatureType is GenericParameter))
            {
                yield return "error NFIL02: generic instantiation '" + signatureType.FullName + "' in " + where;
            }
        }
    }

    private static bool ContainsGeneric(TypeReference? type) => type switch
    {
        null => false,
        GenericInstanceType => true,
        TypeSpecification specification => ContainsGeneric(specification.ElementType),
        _ => false,
    };

    private static SurfaceSection? SectionOf(ApiSurface surface, TypeReference type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type.Scope is AssemblyNameReference assembly && surface.ByAssembly.TryGetValue(assembly.Name, out var section)
            ? section
            : null;
    }
}
