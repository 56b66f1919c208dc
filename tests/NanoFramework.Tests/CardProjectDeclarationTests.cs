using CardFirmware.NanoFrameworkCheck;

namespace CardFirmware.NanoFramework.Tests;

/// <summary>
/// Each card project names the nanoFramework packages it uses, and the .nfproj / packages.config
/// committed under firmware/nanoframework/ are exactly what those declarations generate.
/// </summary>
public class CardProjectDeclarationTests
{
    internal static readonly string[] ExpectedCardProjects =
    {
        "CardFirmware.Biometrics", "CardFirmware.Card", "CardFirmware.Channel", "CardFirmware.Crypto",
        "CardFirmware.Crypto.Native", "CardFirmware.Crypto.Secp256k1", "CardFirmware.Crypto.Threshold", "CardFirmware.Device",
        "CardFirmware.Drivers", "CardFirmware.Hal", "CardFirmware.Storage",
    };

    [Fact]
    public void EveryCardProject_DeclaresTheCoreLibrary()
    {
        var projects = CardProject.FindAll(NanoFrameworkInputs.RepositoryRoot);

        Assert.Equal(ExpectedCardProjects, projects.Select(p => p.AssemblyName));
        Assert.All(projects, p => Assert.Contains(ApiSurface.CoreLibraryPackage, p.NanoFrameworkPackages));
    }

    [Fact]
    public void Biometrics_DeclaresSystemMath_InItsPackagesConfig()
    {
        var project = CardProject.FindAll(NanoFrameworkInputs.RepositoryRoot).Single(p => p.AssemblyName == "CardFirmware.Biometrics");
        var versions = NanoProjectWriter.PackageVersions(NanoFrameworkInputs.RepositoryRoot);

        var config = NanoProjectWriter.PackagesConfig(project, versions);
        var nfproj = NanoProjectWriter.Nfproj(NanoFrameworkInputs.RepositoryRoot, project, versions);

        Assert.Contains("<package id=\"nanoFramework.System.Math\" version=\"1.5.116\" targetFramework=\"netnano1.0\" />", config, StringComparison.Ordinal);
        Assert.Contains(@"<HintPath>..\packages\nanoFramework.System.Math.1.5.116\lib\System.Math.dll</HintPath>", nfproj, StringComparison.Ordinal);
        Assert.Contains(@"<ProjectReference Include=""..\CardFirmware.Crypto\CardFirmware.Crypto.nfproj"" />", nfproj, StringComparison.Ordinal);
    }

    [Fact]
    public void DeviceBinding_IsTheApplication_AndDeclaresTheHardwarePackages()
    {
        var projects = CardProject.FindAll(NanoFrameworkInputs.RepositoryRoot);
        var device = projects.Single(p => p.AssemblyName == "CardFirmware.Device");
        var versions = NanoProjectWriter.PackageVersions(NanoFrameworkInputs.RepositoryRoot);

        var nfproj = NanoProjectWriter.Nfproj(NanoFrameworkInputs.RepositoryRoot, device, versions);
        var config = NanoProjectWriter.PackagesConfig(device, versions);

        Assert.Equal(new[] { "CardFirmware.Device" }, projects.Where(p => p.OutputType == "Exe").Select(p => p.AssemblyName));
        Assert.Contains("<OutputType>Exe</OutputType>", nfproj, StringComparison.Ordinal);
        Assert.Contains(@"<HintPath>..\packages\nanoFramework.Device.Bluetooth.1.1.123\lib\nanoFramework.Device.Bluetooth.dll</HintPath>", nfproj, StringComparison.Ordinal);
        Assert.Contains("<package id=\"nanoFramework.System.Device.Spi\" version=\"1.3.89\" targetFramework=\"netnano1.0\" />", config, StringComparison.Ordinal);
        Assert.Contains("<package id=\"nanoFramework.System.Device.Gpio\" version=\"1.1.62\" targetFramework=\"netnano1.0\" />", config, StringComparison.Ordinal);
    }

    [Fact]
    public void CommittedNanoFrameworkProjects_MatchTheDeclarations()
    {
        var stale = NanoProjectWriter.WriteAll(NanoFrameworkInputs.RepositoryRoot, check: true);

        Assert.True(stale.Count == 0,
            "out of date (run: dotnet run --project tools/NanoFrameworkCheck -- nfproj --repo .):\n" + string.Join("\n", stale));
    }

    [Fact]
    public void DeclaringAPackageWithoutVersion_IsRejectedByName()
    {
        var root = Directory.CreateTempSubdirectory("nf-decl-").FullName;
        File.WriteAllText(Path.Combine(root, "Directory.Packages.props"),
            "<Project><ItemGroup><PackageVersion Include=\"nanoFramework.CoreLibrary\" Version=\"1.17.11\" NanoFrameworkAssembly=\"mscorlib\" /></ItemGroup></Project>");
        Directory.CreateDirectory(Path.Combine(root, "firmware", "X"));
        File.WriteAllText(Path.Combine(root, "firmware", "X", "X.csproj"),
            "<Project><PropertyGroup><CardPortable>true</CardPortable></PropertyGroup><ItemGroup>"
            + "<NanoFrameworkPackage Include=\"nanoFramework.CoreLibrary\" /><NanoFrameworkPackage Include=\"nanoFramework.System.Text\" /></ItemGroup></Project>");

        var error = Assert.Throws<ArgumentException>(() => NanoProjectWriter.WriteAll(root, check: true));

        Assert.Contains("nanoFramework.System.Text", error.Message, StringComparison.Ordinal);
    }
}
