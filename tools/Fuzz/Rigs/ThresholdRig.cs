using CardFirmware.Card.Identity;
using CardFirmware.Crypto.Threshold;
using CardFirmware.HalSim.Entropy;

namespace CardFirmware.Fuzz.Rigs;

/// <summary>
/// Honest DKLs23 runs between the card (party 1) and the phone (party 2) on seeded randomness:
/// the key shares the command rig and the flash images hold, and the phone's messages of each
/// round, which replay against a card party built on the same seed.
/// </summary>
internal static class ThresholdRig
{
    /// <summary>The session id of the recorded key generation.</summary>
    public static readonly byte[] DkgSessionId = Filled(0x5D);

    /// <summary>The session id of the recorded signing.</summary>
    public static readonly byte[] SignSessionId = Filled(0x51);

    /// <summary>The message hash of the recorded signing.</summary>
    public static readonly byte[] SignHash = Filled(0x4A);

    private static readonly Lazy<Transcript> Recorded = new(Record);

    /// <summary>The recorded runs (computed once per process).</summary>
    public static Transcript Honest => Recorded.Value;

    /// <summary>The card's randomness: a DRBG over the seeded entropy, as the card builds it.</summary>
    public static IRandomSource CardRandom() => new CardRandom(SimEntropy.Seeded(Fixtures.CardSeed));

    /// <summary>What an honest run produced.</summary>
    /// <param name="CardShare">The card's key share (party 1).</param>
    /// <param name="PhoneShare">The phone's key share (party 2).</param>
    /// <param name="DkgPhoneRounds">The phone's messages of key-generation rounds 1 to 3, in order.</param>
    /// <param name="SignPhoneRounds">The phone's messages of signing rounds 1 and 2 against the card's share.</param>
    internal sealed record Transcript(KeyShare CardShare, KeyShare PhoneShare, byte[][] DkgPhoneRounds, byte[][] SignPhoneRounds);

    private static Transcript Record()
    {
        var card = new DkgParty(2, 1, DkgSessionId, CardRandom());
        var phone = new DkgParty(2, 2, DkgSessionId, new CardRandom(SimEntropy.Seeded(Fixtures.PhoneSeed)));
        var card1 = card.Start()[0];
        var phone1 = phone.Start()[0];
        var card2 = card.Round2([phone1])[0];
        var phone2 = phone.Round2([card1])[0];
        var card3 = card.Round3([phone2])[0];
        var phone3 = phone.Round3([card2])[0];
        var cardShare = card.Finish([phone3]);
        var phoneShare = phone.Finish([card3]);

        var signer = new SignParty(cardShare, [1, 2], SignSessionId, null, CardRandom());
        var cosigner = new SignParty(phoneShare, [1, 2], SignSessionId, null, new CardRandom(SimEntropy.Seeded(Fixtures.PhoneSeed)));
        var s1 = signer.Start()[0];
        var p1 = cosigner.Start()[0];
        var s2 = signer.Round2([p1])[0];
        var p2 = cosigner.Round2([s1])[0];
        signer.Presign([p2]);
        cosigner.Presign([s2]);
        var s3 = signer.SignHash(SignHash)[0];
        cosigner.SignHash(SignHash);
        cosigner.Combine([s3]);
        return new Transcript(cardShare, phoneShare, [phone1, phone2, phone3], [p1, p2]);
    }

    private static byte[] Filled(byte value)
    {
        var bytes = new byte[32];
        Array.Fill(bytes, value);
        return bytes;
    }
}
