using CardFirmware.NanoFrameworkCheck;
using Microsoft.CodeAnalysis;
using Mono.Cecil;

namespace CardFirmware.NanoFramework.Tests;

/// <summary>
/// The reference-only assemblies generated from the API surface: every package NuGet does not
/// serve compiles against the real mscorlib, exposes exactly the surface's symbols, and says what
/// it is.
/// </summary>
public class ReferenceAssemblyTests
{
    [Trait("Category", "Slow")]
    [SkippableFact]
    public void EveryGeneratedPackage_ExposesExactlyItsSurfaceSymbols()
    {
        var surface = NanoFrameworkInputs.Surface;
        var packages = surface.Sections.Select(s => s.PackageId).Where(id => id != ApiSurface.CoreLibraryPackage).ToList();
        var references = new List<MetadataReference> { MetadataReference.CreateFromFile(NanoFrameworkInputs.MscorlibPath) };
        var mismatches = new List<string>();

        foreach (var section in surface.InDependencyOrder(packages))
        {
            var image = ReferenceAssemblyBuilder.Compile(surface, section, references, out _);
            references.Add(MetadataReference.CreateFromImage(image));
            using var module = ModuleDefinition.ReadModule(new MemoryStream(image));
            var exposed = VisibleSymbols(module).ToHashSet(StringComparer.Ordinal);
            var expected = section.Entries.Where(e => !IsStructDefaultConstructor(surface, e)).Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
            mismatches.AddRange(expected.Except(exposed).Select(id => section.PackageId + " lacks " + id));
            mismatches.AddRange(exposed.Except(expected).Select(id => section.PackageId + " adds " + id));
        }

        Assert.Equal(packages.Count, references.Count - 1);
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches.Take(40)));
    }

    [SkippableFact]
    public void GeneratedAssembly_IsMarkedReferenceOnly_AndNamedLikeThePackageAssembly()
    {
        var surface = NanoFrameworkInputs.Surface;
        var output = Directory.CreateTempSubdirectory("nf-refs-").FullName;

        var written = ReferenceAssemblyBuilder.Build(surface, NanoFrameworkInputs.MscorlibPath, new[] { "nanoFramework.System.Math" }, output);

        var path = Assert.Single(written);
        Assert.Equal(Path.Combine(output, "nanoFramework.System.Math", "System.Math.dll"), path);
        using var module = ModuleDefinition.ReadModule(path);
        Assert.Equal("System.Math", module.Assembly.Name.Name);
        Assert.Contains(module.Assembly.CustomAttributes, a => a.AttributeType.Name == "ReferenceAssemblyAttribute");
        var description = module.Assembly.CustomAttributes.Single(a => a.AttributeType.Name == "AssemblyDescriptionAttribute");
        Assert.StartsWith("REFERENCE-ONLY", (string)description.ConstructorArguments[0].Value, StringComparison.Ordinal);
        Assert.Equal(new[] { "mscorlib" }, module.AssemblyReferences.Select(r => r.Name));
        Assert.True(File.Exists(Path.ChangeExtension(path, ".cs")), "the stub source is kept beside the assembly");
    }

    [SkippableFact]
    public void DependencyOrder_PutsAPackageAfterThePackagesItsSignaturesName()
    {
        var surface = NanoFrameworkInputs.Surface;

        var order = surface.InDependencyOrder(new[] { "nanoFramework.Hardware.Esp32" }).Select(s => s.PackageId).ToList();

        Assert.Equal("nanoFramework.Hardware.Esp32", order[^1]);
        Assert.Contains("nanoFramework.Runtime.Events", order);
        Assert.True(order.IndexOf("nanoFramework.Runtime.Events") < order.IndexOf("nanoFramework.Hardware.Esp32"));
    }

    [SkippableFact]
    public void UnknownPackage_IsRejectedByName()
    {
        var surface = NanoFrameworkInputs.Surface;

        var error = Assert.Throws<ArgumentException>(() => surface.InDependencyOrder(new[] { "nanoFramework.System.Linq" }));

        Assert.Contains("nanoFramework.System.Linq", error.Message, StringComparison.Ordinal);
    }

    // C# cannot declare a struct's parameterless constructor the way the compiler implies it; the
    // runtime gives every struct one anyway, so the surface's implicit line needs no stub.
    private static bool IsStructDefaultConstructor(ApiSurface surface, SurfaceEntry entry) =>
        entry.Kind == 'M' && entry.Has("implicit") && entry.SplitMember() is var (owner, name, parameters)
        && name == "#ctor" && parameters is null
        && surface.TypeOwner[owner].Types.Single(t => t.Name == owner).KindWord == "struct";

    private static IEnumerable<string> VisibleSymbols(ModuleDefinition module)
    {
        foreach (var type in module.GetTypes().Where(IsVisible))
        {
            yield return "T:" + TypeName(type);
            var isDelegate = type.BaseType?.FullName == "System.MulticastDelegate";
            foreach (var method in type.Methods.Where(m => (m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly) && !m.IsGetter && !m.IsSetter
                         && !m.IsAddOn && !m.IsRemoveOn && !(isDelegate && m.Name != "Invoke") && !(m.IsConstructor && m.IsStatic)))
            {
                var id = "M:" + TypeName(type) + "." + method.Name.Replace('.', '#')
                    + (method.Parameters.Count == 0 ? "" : "(" + string.Join(",", method.Parameters.Select(p => ParameterTypeName(p.ParameterType))) + ")");
                yield return method.Name is "op_Implicit" or "op_Explicit" ? id + "~" + ParameterTypeName(method.ReturnType) : id;
            }

            foreach (var field in type.Fields.Where(f => (f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly) && !f.IsSpecialName))
            {
                yield return "F:" + TypeName(type) + "." + field.Name;
            }

            foreach (var property in type.Properties.Where(p => IsVisible(p.GetMethod) || IsVisible(p.SetMethod)))
            {
                yield return "P:" + TypeName(type) + "." + property.Name
                    + (property.Parameters.Count == 0 ? "" : "(" + string.Join(",", property.Parameters.Select(p => ParameterTypeName(p.ParameterType))) + ")");
            }

            foreach (var @event in type.Events.Where(e => IsVisible(e.AddMethod)))
            {
                yield return "E:" + TypeName(type) + "." + @event.Name;
            }
        }
    }

    private static bool IsVisible(MethodDefinition? method) => method is not null && (method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly);

    private static bool IsVisible(TypeDefinition type) => type.IsNested
        ? (type.IsNestedPublic || type.IsNestedFamily || type.IsNestedFamilyOrAssembly) && IsVisible(type.DeclaringType)
        : type.IsPublic;

    private static string TypeName(TypeReference type) => type.IsNested ? TypeName(type.DeclaringType) + "." + type.Name : type.FullName;

    private static string ParameterTypeName(TypeReference type) => type switch
    {
        ArrayType array => ParameterTypeName(array.ElementType) + "[]",
        ByReferenceType byRef => ParameterTypeName(byRef.ElementType) + "@",
        RequiredModifierType modified => ParameterTypeName(modified.ElementType),
        _ => TypeName(type),
    };
}
