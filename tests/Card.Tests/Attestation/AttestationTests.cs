using System.Security.Cryptography;
using CardFirmware.Card.Protocol;
using CardFirmware.Card.Tests.EndToEnd;
using CardFirmware.HalSim.Ble;
using CardFirmware.HalSim.Board;
using CardFirmware.HalSim.Entropy;
using CardFirmware.HalSim.Time;
using CardFirmware.Host;
using CardFirmware.Host.Attestation;
using CardFirmware.SimulatedCard;

namespace CardFirmware.Card.Tests.Attestation;

/// <summary>
/// Genuine-card attestation at pairing: the factory certifies the card's identity key, the card
/// answers the phone's challenge with its chain and a signature, and the phone (BouncyCastle, its
/// own reading of the format) accepts only a chain to the pinned root for the key it ran the
/// channel with, signed over its fresh nonce.
/// </summary>
public class AttestationTests
{
    private static readonly VendorKey Root = VendorKey.DevelopmentRoot();

    [Fact]
    public void GenuineCard_ProvisionedByTheFactory_IsAcceptedByTheOwnersPhone()
    {
        var harness = new CardHarness();
        new FactoryStation(Root, VendorKey.Generate()).Provision(harness.Card);

        using var channel = harness.Open(CardHarness.NewPhoneKey());
        var client = new CardClient(channel);
        var verdict = PhoneAttestation.Check(client, harness.CardKey, Root.PublicKey);

        Assert.Equal(AttestationVerdict.Genuine, verdict);
        // The factory unpaired itself: the owner's phone was bonded as the card's first.
        Assert.Equal(harness.CardKey, client.GetInfo().IdentityPublicKey);
    }

    [Fact]
    public void CardWithoutCertificate_IsRefused()
    {
        var harness = new CardHarness();

        using var channel = harness.Open(CardHarness.NewPhoneKey());
        var verdict = PhoneAttestation.Check(new CardClient(channel), harness.CardKey, Root.PublicKey);

        Assert.Equal(AttestationVerdict.NotCertified, verdict);
    }

    [Fact]
    public void CardCertifiedByAnotherVendor_IsRefusedByThePhone()
    {
        var rogue = VendorKey.Generate();
        var harness = new CardHarness(config: new CardConfig { VendorRootPublicKey = rogue.PublicKey });
        new FactoryStation(rogue, VendorKey.Generate()).Provision(harness.Card);

        using var channel = harness.Open(CardHarness.NewPhoneKey());
        var verdict = PhoneAttestation.Check(new CardClient(channel), harness.CardKey, Root.PublicKey);

        Assert.Equal(AttestationVerdict.UntrustedChain, verdict);
    }

    [Fact]
    public void Card_RefusesAChainFromAnotherVendor_AndKeepsItsOwn()
    {
        var harness = new CardHarness();
        new FactoryStation(Root, VendorKey.Generate()).Provision(harness.Card);
        var rogue = VendorKey.Generate();
        var rogueChain = VendorKey.Chain(rogue.Certify(CertificateFormat.RoleCard, harness.CardKey));

        using var channel = harness.Open(CardHarness.NewPhoneKey());
        var client = new CardClient(channel);
        var refusal = Assert.Throws<CardRefusedException>(() => client.InstallCertificate(rogueChain));

        Assert.Equal(WireStatus.CertificateRejected, refusal.Status);
        Assert.Equal(AttestationVerdict.Genuine, PhoneAttestation.Check(client, harness.CardKey, Root.PublicKey));
    }

    [Fact]
    public void Card_RefusesAGenuineChainForAnotherCardsKey()
    {
        var other = new CardHarness(new SimBoard(new SimBoardOptions { EntropySeed = 2 }));
        var harness = new CardHarness();
        Assert.NotEqual(other.CardKey, harness.CardKey);
        var chainForOther = VendorKey.Chain(Root.Certify(CertificateFormat.RoleCard, other.CardKey));

        using var channel = harness.Open(CardHarness.NewPhoneKey());
        var client = new CardClient(channel);
        var refusal = Assert.Throws<CardRefusedException>(() => client.InstallCertificate(chainForOther));

        Assert.Equal(WireStatus.CertificateRejected, refusal.Status);
        Assert.Equal(AttestationVerdict.NotCertified, PhoneAttestation.Check(client, harness.CardKey, Root.PublicKey));
    }

    [Theory]
    [InlineData(0)] // count 0
    [InlineData(1)] // truncated certificate
    [InlineData(2)] // a fourth certificate
    public void Card_RefusesMalformedChains(int shape)
    {
        var harness = new CardHarness();
        var good = VendorKey.Chain(Root.Certify(CertificateFormat.RoleCard, harness.CardKey));
        var request = shape switch
        {
            0 => [0],
            1 => good[..^1],
            _ => new byte[1 + 4 * CertificateFormat.Size],
        };

        using var channel = harness.Open(CardHarness.NewPhoneKey());
        var client = new CardClient(channel);
        var refusal = Assert.Throws<CardRefusedException>(() => client.InstallCertificate(request));

        Assert.True(refusal.Status is WireStatus.MalformedRequest or WireStatus.CertificateRejected, refusal.Status.ToString());
        client.InstallCertificate(good);
        Assert.Equal(AttestationVerdict.Genuine, PhoneAttestation.Check(client, harness.CardKey, Root.PublicKey));
    }

    [Fact]
    public void FakeCard_ReplayingAGenuineCardsAttestation_UnderItsOwnChannelKey_IsRefused()
    {
        var genuine = new CardHarness();
        new FactoryStation(Root, VendorKey.Generate()).Provision(genuine.Card);
        var nonce = RandomNumberGenerator.GetBytes(32);
        byte[] recorded;
        using (var channel = genuine.Open(CardHarness.NewPhoneKey()))
        {
            recorded = new CardClient(channel).Attest(nonce);
        }

        // A fake card: a valid channel key of its own (the QR code on its sleeve), and the genuine
        // card's certificate chain and signed answer, replayed to every Attest.
        var fakeKey = RandomNumberGenerator.GetBytes(32);
        var curve = TestCurve.Create();
        var fakePublic = new byte[33];
        curve.PublicKey(fakeKey, fakePublic);
        var link = new SimBleLink(new VirtualClock());
        using var fake = new SimulatedChannelCard(link, fakeKey, CardHarness.Prologue, curve, SimEntropy.Seeded(5),
            request => Reply(request, recorded));
        Assert.True(link.Phone.ConnectAndWait(247));
        using var phone = new PhoneChannel(new SimCardLink(link), CardHarness.NewPhoneKey(), fakePublic, CardHarness.Prologue);
        phone.Handshake();

        var verdict = PhoneAttestation.Check(new CardClient(phone), fakePublic, Root.PublicKey, nonce);

        Assert.Equal(AttestationVerdict.WrongCardKey, verdict);
    }

    [Fact]
    public void ReplayedChallengeResponse_IsRefused()
    {
        var harness = new CardHarness();
        new FactoryStation(Root, VendorKey.Generate()).Provision(harness.Card);
        var first = RandomNumberGenerator.GetBytes(32);
        var second = RandomNumberGenerator.GetBytes(32);
        byte[] answer;
        using (var channel = harness.Open(CardHarness.NewPhoneKey()))
        {
            answer = new CardClient(channel).Attest(first);
        }

        Assert.Equal(AttestationVerdict.Genuine, AttestationVerifier.Verify(answer, harness.CardKey, first, Root.PublicKey));
        Assert.Equal(AttestationVerdict.BadChallengeSignature, AttestationVerifier.Verify(answer, harness.CardKey, second, Root.PublicKey));
    }

    [Fact]
    public void Verifier_RefusesATamperedIntermediate_AndAWrongRole()
    {
        var cardKey = new CardHarness().CardKey;
        var intermediate = VendorKey.Generate();
        var nonce = RandomNumberGenerator.GetBytes(32);
        var chain = VendorKey.Chain(intermediate.Certify(CertificateFormat.RoleCard, cardKey),
            Root.Certify(CertificateFormat.RoleIntermediate, intermediate.PublicKey));
        var tampered = (byte[])chain.Clone();
        tampered[1 + CertificateFormat.Size + 40] ^= 1;
        var wrongRole = (byte[])chain.Clone();
        wrongRole[2] = CertificateFormat.RoleIntermediate;
        var signature = new byte[64];

        Assert.Equal(AttestationVerdict.UntrustedChain, AttestationVerifier.Verify([.. tampered, .. signature], cardKey, nonce, Root.PublicKey));
        Assert.Equal(AttestationVerdict.Malformed, AttestationVerifier.Verify([.. wrongRole, .. signature], cardKey, nonce, Root.PublicKey));
        // The untampered chain passes up to the challenge, where the zero signature fails.
        Assert.Equal(AttestationVerdict.BadChallengeSignature, AttestationVerifier.Verify([.. chain, .. signature], cardKey, nonce, Root.PublicKey));
    }

    [Fact]
    public void DevelopmentRoot_IsTheCardsDefaultPin()
    {
        Assert.Equal(VendorKey.DevelopmentRoot().PublicKey, new CardConfig().VendorRootPublicKey);
    }

    /// <summary>A reply to <paramref name="request"/>'s command and request id carrying <paramref name="payload"/>.</summary>
    private static byte[] Reply(byte[] request, byte[] payload) =>
        [request[0], (byte)(request[1] | WireFormat.ReplyFlag), request[2], request[3], (byte)WireStatus.Ok, .. payload];
}
