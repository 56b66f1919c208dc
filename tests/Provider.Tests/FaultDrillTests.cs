using CardFirmware.Provider.Storage;
using CardFirmware.ProviderLoad;

namespace CardFirmware.Provider.Tests;

/// <summary>
/// The fault drill's smallest case (tools/ProviderLoad <c>faults</c>): a provider process on SQLite SIGKILLed three
/// times while two clients run their flows, one flow in two vanishing mid-session, a 10-second session timeout.
/// </summary>
public sealed class FaultDrillTests
{
    [Fact]
    [Trait("Category", "Slow")]
    public void FaultDrill_AFewKillsOnSqlite_EverySessionEndsOrResumes_NoneLeftOpen_EveryShareSigns()
    {
        var output = new StringWriter();
        var report = FaultRun.Drill(new FaultOptions(Databases.Sqlite(), Kills: 3, Clients: 2, Seed: 1, SessionTimeout: 10, VanishEvery: 2), output);

        Assert.True(report.Passed, output.ToString());
        Assert.Equal(0, report.SessionStates.GetValueOrDefault(SessionState.Open));
        Assert.Equal(0, report.EndedHoldingSecrets);
        Assert.Equal(0, report.RoundsCommittedTwice);
        Assert.Equal(2, report.WalletsChecked);
        Assert.Equal(2, report.WalletsSigning);
        Assert.True(report.Count("finished") + report.Count("resumed") + report.Count("finished on abort") >= 2, output.ToString());
    }
}
