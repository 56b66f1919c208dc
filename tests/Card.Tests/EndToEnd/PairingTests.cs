using CardFirmware.Card.Session;
using CardFirmware.Channel.Noise;
using CardFirmware.Hal;
using CardFirmware.Host;
using CardFirmware.SimulatedCard;

namespace CardFirmware.Card.Tests.EndToEnd;

/// <summary>Pairing and the session life cycle end to end, on each arithmetic backend of the card.</summary>
public class PairingTests
{
    [SkippableTheory]
    [MemberData(nameof(CardBackends.All), MemberType = typeof(CardBackends))]
    public void FirstPhone_IsBonded_AndCommandsFlow(string backend)
    {
        var harness = new CardHarness(config: CardBackends.Config(backend));
        using var channel = harness.Open(CardHarness.NewPhoneKey());
        var client = new CardClient(channel);

        var info = client.GetInfo();
        var echo = client.Ping([1, 2, 3]);

        Assert.Equal(harness.CardKey, info.IdentityPublicKey);
        Assert.Equal(new byte[] { 1, 2, 3 }, echo);
        Assert.Equal(SessionState.Connected, harness.Card.Firmware.State);
        Assert.Equal(1, harness.Board.Link.Card.Status[2]);
    }

    [SkippableTheory]
    [MemberData(nameof(CardBackends.All), MemberType = typeof(CardBackends))]
    public void BondedPhone_ReconnectsWithoutTouch(string backend)
    {
        var harness = new CardHarness(config: CardBackends.Config(backend));
        var phone = CardHarness.NewPhoneKey();
        using (var first = harness.Open(phone))
        {
            new CardClient(first).GetInfo();
            harness.Board.Link.Phone.Disconnect();
            harness.Run(200);
        }

        using var second = harness.Open(phone);
        var info = new CardClient(second).GetInfo();

        Assert.Equal(harness.CardKey, info.IdentityPublicKey);
    }

    [SkippableTheory]
    [MemberData(nameof(CardBackends.All), MemberType = typeof(CardBackends))]
    public void UnbondedPhone_IsRefusedAfterTheHandshake_AndTheLinkDropped(string backend)
    {
        var harness = new CardHarness(config: CardBackends.Config(backend));
        using (var owner = harness.Open(CardHarness.NewPhoneKey()))
        {
            new CardClient(owner).GetInfo();
            harness.Board.Link.Phone.Disconnect();
            harness.Run(200);
        }

        using var stranger = harness.Open(CardHarness.NewPhoneKey());
        Assert.ThrowsAny<Exception>(() => new CardClient(stranger).GetInfo());
        harness.Run(200);

        Assert.False(harness.Board.Link.Phone.IsConnected);
        Assert.Equal(SessionEnd.NotBonded, harness.Card.Firmware.LastSessionEnd);
        Assert.Equal(SessionState.Advertising, harness.Card.Firmware.State);
    }

    [SkippableTheory]
    [MemberData(nameof(CardBackends.All), MemberType = typeof(CardBackends))]
    public void PhoneWithWrongCardKey_NeverGetsASession(string backend)
    {
        var harness = new CardHarness(config: CardBackends.Config(backend));
        Assert.True(harness.Board.Link.Phone.ConnectAndWait(247));
        var impostorCard = new byte[33];
        TestCurve.Create().PublicKey(CardHarness.NewPhoneKey(), impostorCard);
        using var channel = new Host.PhoneChannel(new SimCardLink(harness.Board.Link), CardHarness.NewPhoneKey(),
            impostorCard, CardHarness.Prologue);

        Assert.ThrowsAny<Exception>(channel.Handshake);
        harness.Run(200);

        Assert.NotEqual(SessionState.Connected, harness.Card.Firmware.State);
        Assert.Equal(SessionEnd.ChannelBroken, harness.Card.Firmware.LastSessionEnd);
    }

    [SkippableTheory]
    [MemberData(nameof(CardBackends.All), MemberType = typeof(CardBackends))]
    public void SilentPhone_IsDisconnectedAtTheIdleTimeout_AndTheSessionWiped(string backend)
    {
        var harness = new CardHarness(config: CardBackends.Config(backend, new CardConfig { IdleTimeoutMilliseconds = 3000 }));
        using var channel = harness.Open(CardHarness.NewPhoneKey());
        new CardClient(channel).GetInfo();

        harness.Run(3500);

        Assert.Equal(SessionEnd.IdleTimeout, harness.Card.Firmware.LastSessionEnd);
        Assert.Equal(1, harness.Card.Firmware.SessionsWiped);
        Assert.Null(harness.Card.Firmware.CurrentSession);
        Assert.False(harness.Board.Link.Phone.IsConnected);
        Assert.Equal(LedPattern.BlinkSlow, harness.Board.Led.Current);
    }

    [SkippableTheory]
    [MemberData(nameof(CardBackends.All), MemberType = typeof(CardBackends))]
    public void LinkDroppedMidMessage_EndsAndWipesTheSession_ThenTheCardAdvertisesAgain(string backend)
    {
        var harness = new CardHarness(config: CardBackends.Config(backend));
        var phone = CardHarness.NewPhoneKey();
        using (var channel = harness.Open(phone, mtu: 23))
        {
            // A 600-byte request needs ~30 packets at MTU 23; cut the link after a few of them.
            harness.Board.Link.Phone.Write([0x80, 0x00, 0x02, 0x58, 1, 2, 3]);
            harness.Run(20);
            harness.Board.Link.Phone.Disconnect();
            harness.Run(500);
        }

        Assert.Equal(SessionEnd.Disconnected, harness.Card.Firmware.LastSessionEnd);
        Assert.Equal(SessionState.Advertising, harness.Card.Firmware.State);

        using var again = harness.Open(phone);
        Assert.Equal(harness.CardKey, new CardClient(again).GetInfo().IdentityPublicKey);
    }

    [SkippableTheory]
    [MemberData(nameof(CardBackends.All), MemberType = typeof(CardBackends))]
    public void Identity_SurvivesAPowerCycle(string backend)
    {
        var harness = new CardHarness(config: CardBackends.Config(backend));
        var phone = CardHarness.NewPhoneKey();
        using (var channel = harness.Open(phone))
        {
            new CardClient(channel).GetInfo();
        }

        harness.Card.Halt();
        var rebooted = new CardHarness(harness.Board.PowerCycle(), CardBackends.Config(backend));

        Assert.Equal(harness.CardKey, rebooted.CardKey);
        Assert.False(rebooted.Card.Firmware.ProvisionedThisBoot);
        using var again = rebooted.Open(phone);
        Assert.Equal(rebooted.CardKey, new CardClient(again).GetInfo().IdentityPublicKey);
    }

    [SkippableTheory]
    [MemberData(nameof(CardBackends.All), MemberType = typeof(CardBackends))]
    public void Unpair_RemovesTheCallersBond_SoTheCardAcceptsAFreshFirstPhone(string backend)
    {
        var harness = new CardHarness(config: CardBackends.Config(backend));
        var owner = CardHarness.NewPhoneKey();
        using (var channel = harness.Open(owner))
        {
            new CardClient(channel).Exchange(CardFirmware.Card.Protocol.CommandCode.Unpair, []);
            harness.Board.Link.Phone.Disconnect();
            harness.Run(200);
        }

        Assert.Equal(0, harness.Board.Link.Card.Status[2]);
        using (var newOwner = harness.Open(CardHarness.NewPhoneKey()))
        {
            new CardClient(newOwner).GetInfo();
            harness.Board.Link.Phone.Disconnect();
            harness.Run(200);
        }

        using var formerOwner = harness.Open(owner);
        Assert.ThrowsAny<Exception>(() => new CardClient(formerOwner).GetInfo());
        harness.Run(200);
        Assert.Equal(SessionEnd.NotBonded, harness.Card.Firmware.LastSessionEnd);
    }
}
