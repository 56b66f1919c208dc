using System.Security.Cryptography;
using CardFirmware.Card;
using CardFirmware.Card.Session;
using CardFirmware.Crypto.Threshold;
using CardFirmware.CardTime;
using CardFirmware.HalSim.Ble;
using CardFirmware.HalSim.Board;
using CardFirmware.HalSim.Images;
using CardFirmware.Host;
using CardFirmware.Host.Hybrid;
using CardFirmware.SimulatedCard;

namespace CardFirmware.CardSim;

/// <summary>
/// The 2-of-3 walk-through (<c>--hybrid</c>): a card, a phone and a security provider, in process or the provider
/// service at an address (<c>--provider http://host:port</c>, tools/Provider; the phone signs its requests with its
/// static key, the card seals its messages to the service's static key). Provision, pair and enroll as in the 2-of-2 walk-through, then: create the 2-of-3 wallet
/// -> sign with card and phone -> sign with card and provider (relayed by the phone) -> sign with phone and provider
/// -> refresh all three shares -> lose the phone: a new phone, the card's approval and touch, the provider re-issue
/// its share -> lose the card: the phone and the provider re-issue its share onto a new card its owner enrolled.
/// Every signature is checked by BouncyCastle under the wallet's child key.
/// </summary>
internal static class HybridWalkthrough
{
    private const int OwnerFinger = 7;
    private static readonly uint[] Path = [0, 9];

    // Amounts in satoshi: the walk-through's payment is within every limit, so phone and provider may sign it alone.
    private static readonly ProviderPolicy Policy = new(
        PerTransactionLimit: 5_000_000, DailyLimit: 20_000_000, DelayThreshold: 5_000_000, DelaySeconds: 3_600, Allowlist: [], CardProviderAllowed: true);

    public static bool Run(CardConfig config, Uri? service)
    {
        var inProcess = new InProcessProvider();
        Func<PhoneKey, IProviderParty> providerOf = service is null ? _ => inProcess : key => new HttpProviderParty(new HttpClient { BaseAddress = service }, key);
        HybridPhone Phone(CardClient client, byte[] phoneKey, KeyShare? share = null, byte[]? walletId = null)
        {
            // The phone's static key at the provider is its pairing key (one key per phone).
            var key = PhoneKey.FromPrivateKey(phoneKey);
            return new HybridPhone(client, providerOf(key), share, walletId) { StaticKey = key.PublicKey, Policy = Policy };
        }

        var providerName = service is null ? "in process" : "the service at " + service;
        var board = new SimBoard(new SimBoardOptions { Link = LinkProfile.Esp32ToPhone });
        var timeline = new Timeline(board);
        var cardTime = CardTimeModel.Load();
        var owner = new SyntheticImageSource(OwnerFinger);
        var ok = true;

        timeline.Step("H1. Provision, pair and enroll the card");
        var card = Bring(board, config, timeline);
        var cardKey = card.Firmware.IdentityPublicKey();
        var steps = new StepMeter(board, card, timeline, cardTime);
        var phoneKey = RandomNumberGenerator.GetBytes(32);
        card.User.Finger = owner;
        ok &= steps.Run("pair and enroll", StepWork.Enrollment, () =>
        {
            using var session = PhoneSession.Open(board, phoneKey, cardKey);
            session.Client.Enroll(24);
            return session.Client.GetInfo().Enrolled;
        });

        timeline.Step("H2. Create a 2-of-3 wallet: card, phone and the provider (" + providerName + ")");
        KeyShare? phoneShare = null;
        byte[]? walletId = null;
        byte[] xpub = [];
        ok &= steps.Run("create 2-of-3", StepWork.Verification, () =>
        {
            using var session = PhoneSession.Open(board, phoneKey, cardKey);
            var phone = Phone(session.Client, phoneKey);
            xpub = phone.Create();
            (phoneShare, walletId) = (phone.Share, phone.WalletId);
            timeline.Phone($"joint public key {Hex(xpub[..33])}; provider holds wallet {Hex(walletId!)}");
            return session.Client.GetInfo().HasWallet;
        });

        var payment = new ProviderTransaction(2_000_000, "bc1q... (2-of-3 walkthrough)"u8.ToArray()).Encode();
        var hash = ProviderTransaction.Hash(payment);
        timeline.Step("H3. Sign with card and phone (the default)");
        ok &= steps.Run("sign card+phone", StepWork.Verification, () =>
        {
            using var session = PhoneSession.Open(board, phoneKey, cardKey);
            return Verified(timeline, xpub, hash, Phone(session.Client, phoneKey, phoneShare, walletId).SignWithPhone(hash, Path));
        });

        timeline.Step("H4. Sign with card and provider (the phone relays; its share is not used)");
        ok &= steps.Run("sign card+provider", StepWork.Verification, () =>
        {
            using var session = PhoneSession.Open(board, phoneKey, cardKey);
            return Verified(timeline, xpub, hash, Phone(session.Client, phoneKey).SignWithProvider(walletId!, xpub, hash, Path));
        });

        timeline.Step("H5. Sign with phone and provider (no card; within the provider's policy)");
        ok &= steps.Run("sign phone+provider", StepWork.Verification, () =>
            Verified(timeline, xpub, hash, Phone(new CardClient(_ => throw new InvalidOperationException("no card")), phoneKey, phoneShare, walletId)
                .SignWithoutCard(hash, Path, payment)));

        timeline.Step("H6. Refresh all three shares (same key; old shares sign nothing)");
        ok &= steps.Run("refresh 2-of-3", StepWork.Verification, () =>
        {
            using var session = PhoneSession.Open(board, phoneKey, cardKey);
            var phone = Phone(session.Client, phoneKey, phoneShare, walletId);
            var same = phone.Refresh().AsSpan().SequenceEqual(xpub);
            phoneShare = phone.Share;
            timeline.Phone($"refreshed; xpub unchanged: {same}");
            return same;
        });

        timeline.Step("H7. The phone is lost: a new phone, the owner's approval on the card, the provider re-issues its share");
        var newPhoneKey = RandomNumberGenerator.GetBytes(32);
        ok &= steps.Run("recover phone", StepWork.Verification, () =>
        {
            using var session = PhoneSession.Open(board, newPhoneKey, cardKey);
            var phone = Phone(session.Client, newPhoneKey);
            var same = phone.RecoverPhone(walletId!).AsSpan().SequenceEqual(xpub);
            phoneShare = phone.Share;
            timeline.Phone($"new phone holds a share of the same key: {same}");
            return same && Verified(timeline, xpub, hash, phone.SignWithPhone(hash, Path));
        });

        timeline.Step("H8. The card is lost: the phone and the provider re-issue its share onto a new card");
        var newBoard = new SimBoard(new SimBoardOptions { Link = LinkProfile.Esp32ToPhone });
        var newCard = Bring(newBoard, config, new Timeline(newBoard));
        var newCardKey = newCard.Firmware.IdentityPublicKey();
        newCard.User.Finger = owner;
        ok &= steps.Run("recover card", StepWork.Verification, () =>
        {
            using var session = PhoneSession.Open(newBoard, newPhoneKey, newCardKey);
            session.Client.Enroll(24);
            var phone = Phone(session.Client, newPhoneKey, phoneShare, walletId);
            var same = phone.RecoverCard(session.Client).AsSpan().SequenceEqual(xpub);
            phoneShare = phone.Share;
            timeline.Phone($"new card holds a share of the same key: {same}");
            return same && Verified(timeline, xpub, hash, phone.SignWithPhone(hash, Path));
        });

        timeline.Step("Summary (2-of-3)");
        steps.PrintTable();
        Console.WriteLine("card time here counts sessions and touches only: the 2-of-3 commands are not charged (the device meter counts them: tools/DeviceMeter, the 2-of-3 rows);");
        Console.WriteLine("\"recover card\" ran on the new card's own board, whose radio and clock this table does not show.");
        Console.WriteLine(ok ? "\n2-of-3 walk-through complete: every step behaved as expected." : "\n2-of-3 walk-through FAILED.");
        return ok;
    }

    private static SimulatedCard.SimulatedCard Bring(SimBoard board, CardConfig config, Timeline timeline)
    {
        var card = new SimulatedCard.SimulatedCard(board, config);
        card.Firmware.StateChanged += (state, end) =>
        {
            if (state == SessionState.Wiping && end != SessionEnd.None)
            {
                timeline.Card($"session ended: {end}");
            }
        };
        return card;
    }

    private static bool Verified(Timeline timeline, byte[] xpub, byte[] hash, byte[] signature)
    {
        var valid = BouncyCastleEcdsa.Verify(XpubChild.PublicKey(xpub, Path), hash, signature);
        timeline.Phone($"signature r {Hex(signature[..32])}, BouncyCastle verify under m/0/9: {(valid ? "VALID" : "INVALID")}");
        return valid;
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
