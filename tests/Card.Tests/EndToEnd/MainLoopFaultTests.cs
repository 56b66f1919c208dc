using System.Security.Cryptography;
using CardFirmware.Card.Identity;
using CardFirmware.Card.KeyStore;
using CardFirmware.Card.Protocol;
using CardFirmware.Card.Session;
using CardFirmware.Card.Tests.Finger;
using CardFirmware.Host;
using CardFirmware.SimulatedCard;
using CardFirmware.Storage;

namespace CardFirmware.Card.Tests.EndToEnd;

/// <summary>
/// The main loop survives what goes wrong inside a session: an unexpected exception ends and
/// wipes the session and the card advertises again; a phone that reconnects while the card is
/// busy (waiting for a touch) gets its new session.
/// </summary>
public class MainLoopFaultTests
{
    [Fact]
    public void StorageFaultWhileAdmittingAPhone_EndsAndWipesTheSession_AndTheCardStaysReachable()
    {
        var rig = new FingerRig();
        rig.Enroll();
        rig.Card.Halt();
        var log = RecordLog.Mount(rig.Board.Flash, 0, rig.Board.Flash.PageCount);
        log.Put(StorageKeys.FingerHelperData, [1, 2, 3]);

        // The counter's base is bound to the helper data it counts for: re-tag it, so that the touch reaches the
        // extractor and the damage surfaces there (not as a lockout).
        new TouchCounter(log, rig.Board.Efuse.Counter, new DeviceKeys(rig.Board.Efuse.Hmac), rig.Config.MaxFailedTouches).Reset([1, 2, 3]);
        var rebooted = new FingerRig(rig.Config, rig.Image(), rig.PhoneKey);

        var fault = Record.Exception(() => rebooted.Session(client => client.GetInfo(), RandomNumberGenerator.GetBytes(32)));
        rebooted.Board.Clock.Advance(200);

        Assert.IsNotType<StorageException>(fault);
        Assert.Equal(SessionEnd.Fault, rebooted.Card.Firmware.LastSessionEnd);
        Assert.Equal(SessionState.Advertising, rebooted.Card.Firmware.State);
        Assert.Null(rebooted.Card.Firmware.CurrentSession);
        Assert.Equal(1, rebooted.Card.Firmware.SessionsWiped);
        Assert.Equal(rebooted.CardKey, rebooted.Info().IdentityPublicKey);
    }

    [Fact]
    public void PhoneReconnectingWhileTheCardWaitsForATouch_GetsItsNewSession()
    {
        var rig = new FingerRig();
        rig.Info();
        rig.Touching(null);
        var link = rig.Board.Link;
        var clock = rig.Board.Clock;
        Assert.True(link.Phone.ConnectAndWait(247));
        using (var first = new PhoneChannel(new SimCardLink(link), rig.PhoneKey, rig.CardKey, CardHarness.Prologue))
        {
            first.Handshake();
            clock.ScheduleAfter(1000, () => link.Phone.Disconnect());
            clock.ScheduleAfter(1500, () => link.Phone.Connect(247));
            first.Send([WireFormat.Version, (byte)CommandCode.Enroll, 0, 1]);
            clock.Advance(rig.Config.TouchTimeoutMilliseconds + 1000);
        }

        Assert.True(link.Phone.IsConnected);
        Assert.Equal(SessionState.Connected, rig.Card.Firmware.State);
        using var second = new PhoneChannel(new SimCardLink(link), rig.PhoneKey, rig.CardKey, CardHarness.Prologue);
        second.Handshake();
        Assert.Equal(rig.CardKey, new CardClient(second).GetInfo().IdentityPublicKey);
    }
}
