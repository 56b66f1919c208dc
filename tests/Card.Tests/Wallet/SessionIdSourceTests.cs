using CardFirmware.Card.KeyStore;
using CardFirmware.Card.Tests.Attack;
using CardFirmware.Card.Wallet;
using CardFirmware.HalSim.Flash;
using CardFirmware.Storage;

namespace CardFirmware.Card.Tests.Wallet;

/// <summary>The card's contribution to session ids: never the same twice, whatever the RNG, reboots and power cuts.</summary>
public class SessionIdSourceTests
{
    private static RecordLog Mount(SimFlash flash) => RecordLog.Mount(flash, 0, flash.PageCount);

    [Fact]
    public void NextContribution_WritesTheRaisedCounterBeforeItReturns()
    {
        var flash = new SimFlash(4096, 32);
        var source = new SessionIdSource(Mount(flash), new StuckRandom());

        source.NextContribution();
        source.NextContribution();

        Assert.Equal(2, new SessionIdSource(Mount(flash), new StuckRandom()).SessionsBegun);
    }

    [Fact]
    public void StuckRng_ContributionsNeverRepeat_AcrossReboots()
    {
        var flash = new SimFlash(4096, 32);
        var seen = new HashSet<string>();
        for (var boot = 0; boot < 5; boot++)
        {
            var source = new SessionIdSource(Mount(flash), new StuckRandom());
            for (var i = 0; i < 20; i++)
            {
                Assert.True(seen.Add(Convert.ToHexString(source.NextContribution())));
            }
        }

        Assert.Equal(100, seen.Count);
    }

    [Fact]
    public void Counter_SurvivesAFactoryReset()
    {
        var flash = new SimFlash(4096, 32);
        var log = Mount(flash);
        var before = new SessionIdSource(log, new StuckRandom()).NextContribution();

        FactoryReset.Run(log);

        var source = new SessionIdSource(Mount(flash), new StuckRandom());
        Assert.Equal(1, source.SessionsBegun);
        Assert.NotEqual(before, source.NextContribution());
    }

    [Fact]
    public void PowerCutAtEveryByteOfTheCounterWrite_NeverLetsAContributionRepeat()
    {
        var flash = new SimFlash(4096, 32);
        var seen = new HashSet<string> { Convert.ToHexString(new SessionIdSource(Mount(flash), new StuckRandom()).NextContribution()) };
        var written = flash.BytesWritten;
        new SessionIdSource(Mount(flash), new StuckRandom()).NextContribution();
        var perWrite = flash.BytesWritten - written;
        seen.Clear();

        for (var cut = 0L; cut <= perWrite; cut++)
        {
            var source = new SessionIdSource(Mount(flash), new StuckRandom());
            flash.ArmCutAfterBytes(cut);
            try
            {
                // A contribution that was returned may have been sent; one that was not never left the card.
                Assert.True(seen.Add(Convert.ToHexString(source.NextContribution())));
            }
            catch (PowerLossException)
            {
            }

            flash.Disarm();
            flash.PowerOn();
            Assert.True(seen.Add(Convert.ToHexString(new SessionIdSource(Mount(flash), new StuckRandom()).NextContribution())));
        }
    }
}
