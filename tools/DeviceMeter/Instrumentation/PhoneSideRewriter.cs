using CardFirmware.DeviceMeter.Runtime;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace CardFirmware.DeviceMeter.Instrumentation;

/// <summary>
/// Makes the phone side reproducible for the meter without changing its source: in the phone
/// assemblies, calls to <c>RandomNumberGenerator.Fill(Span&lt;byte&gt;)</c> and
/// <c>RandomNumberGenerator.GetBytes(int)</c> are pointed at <see cref="PhoneEntropy"/>, which is
/// seeded. Nothing else changes and nothing of the phone side is counted.
/// </summary>
public static class PhoneSideRewriter
{
    /// <summary>The phone-side assemblies that draw random numbers (the phone's channel and wallet).</summary>
    public static readonly string[] Names = ["CardFirmware.Host", "CardFirmware.SimulatedCard"];

    /// <summary>Rewrites <paramref name="names"/> from <paramref name="inputFolder"/> into <paramref name="outputFolder"/>; returns the calls redirected.</summary>
    public static int RewriteAll(string inputFolder, string outputFolder, IEnumerable<string> names)
    {
        var redirected = 0;
        using var resolver = new DefaultAssemblyResolver();
        resolver.AddSearchDirectory(inputFolder);
        foreach (var name in names)
        {
            using var module = ModuleDefinition.ReadModule(Path.Combine(inputFolder, name + ".dll"),
                new ReaderParameters { AssemblyResolver = resolver, ReadSymbols = false });
            redirected += Rewrite(module);
            module.Write(Path.Combine(outputFolder, name + ".dll"));
        }

        return redirected;
    }

    /// <summary>Redirects the random-number calls of <paramref name="module"/>; returns how many.</summary>
    public static int Rewrite(ModuleDefinition module)
    {
        var fill = module.ImportReference(typeof(PhoneEntropy).GetMethod(nameof(PhoneEntropy.Fill)));
        var getBytes = module.ImportReference(typeof(PhoneEntropy).GetMethod(nameof(PhoneEntropy.GetBytes)));
        var count = 0;
        foreach (var method in module.GetTypes().SelectMany(t => t.Methods).Where(m => m.HasBody))
        {
            foreach (var instruction in method.Body.Instructions)
            {
                if (instruction.OpCode.Code != Code.Call || instruction.Operand is not MethodReference target
                    || target.DeclaringType.FullName != "System.Security.Cryptography.RandomNumberGenerator")
                {
                    continue;
                }

                var parameters = string.Join(",", target.Parameters.Select(p => p.ParameterType.FullName));
                if (target.Name == "Fill" && parameters == "System.Span`1<System.Byte>")
                {
                    instruction.Operand = fill;
                    count++;
                }
                else if (target.Name == "GetBytes" && parameters == "System.Int32")
                {
                    instruction.Operand = getBytes;
                    count++;
                }
            }
        }

        return count;
    }
}
