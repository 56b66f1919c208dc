namespace CardFirmware.NanoFramework.Tests;

/// <summary>The slow tests that share one <see cref="NanoFrameworkCheckBuild"/>.</summary>
[CollectionDefinition(Name)]
public sealed class NanoFrameworkCheckCollection : ICollectionFixture<NanoFrameworkCheckBuild>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "nanoFramework check build";
}
