using System.Security.Cryptography;
using CardFirmware.Card;
using CardFirmware.Card.Protocol;
using CardFirmware.CardTime;
using CardFirmware.Card.Session;
using CardFirmware.Channel.Noise;
using CardFirmware.HalSim.Ble;
using CardFirmware.HalSim.Board;
using CardFirmware.HalSim.Images;
using CardFirmware.Host;
using CardFirmware.SimulatedCard;

namespace CardFirmware.CardSim;

/// <summary>
/// The scripted walk-through a newcomer runs first: provision (first boot) -> pair over BLE (Noise
/// XK with the key from the QR code) -> enroll a finger -> create the threshold wallet with the
/// phone -> tap to approve a signature, verified by BouncyCastle -> a stranger's finger refused ->
/// a second phone approved by touch -> a stranger's phone refused. The user is simulated (a
/// synthetic finger put on the sensor when the LED asks); the firmware is the real one. Each step
/// checks what it expects and reports virtual time, radio bytes and estimated card time.
/// </summary>
internal static class Walkthrough
{
    private const int OwnerFinger = 7;
    private const int StrangerFinger = 8;

    public static bool Run(CardConfig config)
    {
        var board = new SimBoard(new SimBoardOptions { Link = LinkProfile.Esp32ToPhone });
        var timeline = new Timeline(board);

        timeline.Step("1. Flash and provision");
        var card = new SimulatedCard.SimulatedCard(board, config);
        card.Firmware.StateChanged += (state, end) =>
            timeline.Card($"state {state}{(end != SessionEnd.None && state == SessionState.Wiping ? $" (session ended: {end})" : "")}");
        var cardKey = card.Firmware.IdentityPublicKey();
        timeline.Card(card.Firmware.ProvisionedThisBoot
            ? "first boot: flash formatted; identity key derived from the eFuse HMAC key (never stored)"
            : "identity derived from the eFuse HMAC key");
        var cardTime = CardTimeModel.Load();
        timeline.Card($"boot: {CardTimeModel.Label} {cardTime.Estimate(new CardWork(Boots: 1))} (self-test, identity, static tables)");
        var qr = PairingQr.Payload(cardKey);
        timeline.Card($"identity for the sleeve's QR code: {qr}");
        Console.Write(PairingQr.Render(qr));

        var owner = new SyntheticImageSource(OwnerFinger);
        var phoneKey = RandomNumberGenerator.GetBytes(32);
        var steps = new StepMeter(board, card, timeline, cardTime);
        var wallet = (PhoneWallet?)null;
        var ok = true;

        timeline.Step("2. Pair: the phone scans the QR code and connects");
        ok &= steps.Run("pair", StepWork.Verification, () =>
        {
            using var session = PhoneSession.Open(board, phoneKey, cardKey);
            var info = session.Client.GetInfo();
            timeline.Phone($"admitted; GetInfo: firmware {info.FirmwareMajor}.{info.FirmwareMinor}, enrolled {info.Enrolled}, wallet {info.HasWallet}, battery {info.BatteryMillivolts} mV");
            return info.IdentityPublicKey.AsSpan().SequenceEqual(cardKey) && !info.Enrolled;
        });

        timeline.Step("3. Enroll: the owner touches the sensor each time the LED blinks fast");
        card.User.Finger = owner;
        ok &= steps.Run("enroll", StepWork.Enrollment, () =>
        {
            using var session = PhoneSession.Open(board, phoneKey, cardKey);
            var progress = session.Client.Enroll(24, p => timeline.Phone(p.Describe()));
            return session.Client.GetInfo().Enrolled && progress[^1].Outcome == EnrollOutcome.Complete;
        });

        timeline.Step("4. Create the wallet: 2-of-2 DKLs23 key generation, sealed after a touch");
        ok &= steps.Run("create wallet", StepWork.Verification with { CreatesWallet = true }, () =>
        {
            using var session = PhoneSession.Open(board, phoneKey, cardKey);
            wallet = new PhoneWallet(session.Client);
            var xpub = wallet.Create();
            timeline.Phone($"joint public key {Convert.ToHexString(xpub, 0, 33).ToLowerInvariant()}");
            timeline.Phone($"chain code       {Convert.ToHexString(xpub, 33, 32).ToLowerInvariant()}");
            return session.Client.GetInfo().HasWallet;
        });

        timeline.Step("5. Tap to approve: the card signs only after the owner's touch");
        ok &= steps.Run("sign", StepWork.Verification with { Signs = true }, () =>
        {
            using var session = PhoneSession.Open(board, phoneKey, cardKey);
            var phone = new PhoneWallet(session.Client, wallet!.Share);
            var hash = SHA256.HashData("pay 0.01 BTC to bc1q... (walkthrough)"u8);
            uint[] path = [0, 5];
            var signature = phone.Sign(hash, path);
            var verified = BouncyCastleEcdsa.Verify(phone.PublicKey(path), hash, signature);
            timeline.Phone($"hash      {Convert.ToHexString(hash).ToLowerInvariant()} (child m/0/5)");
            timeline.Phone($"signature r {Convert.ToHexString(signature, 0, 32).ToLowerInvariant()}");
            timeline.Phone($"          s {Convert.ToHexString(signature, 32, 32).ToLowerInvariant()}");
            timeline.Phone($"BouncyCastle ECDSA verify under the child key: {(verified ? "VALID" : "INVALID")}");
            return verified;
        });

        timeline.Step("6. A stranger's finger: the card refuses to sign");
        card.User.Finger = new SyntheticImageSource(StrangerFinger);
        ok &= steps.Run("stranger's touch", StepWork.Verification, () =>
        {
            using var session = PhoneSession.Open(board, phoneKey, cardKey);
            var phone = new PhoneWallet(session.Client, wallet!.Share);
            try
            {
                phone.Sign(SHA256.HashData("not the owner"u8), []);
                timeline.Fail("a stranger's finger signed");
                return false;
            }
            catch (CardRefusedException refused) when (refused.Status is WireStatus.FingerNotRecognized or WireStatus.PoorCapture)
            {
                timeline.Phone($"card refused: {refused.Status}; no signature");
                return true;
            }
        });

        timeline.Step("7. A second phone: bonded only after the owner's touch");
        card.User.Finger = owner;
        var secondPhone = RandomNumberGenerator.GetBytes(32);
        ok &= steps.Run("second phone", StepWork.Verification, () =>
        {
            using var session = PhoneSession.Open(board, secondPhone, cardKey);
            var info = session.Client.GetInfo();
            timeline.Phone($"second phone admitted after the touch (wallet {info.HasWallet})");
            return info.HasWallet;
        });

        timeline.Step("8. A stranger's phone, a stranger's finger: refused");
        card.User.Finger = new SyntheticImageSource(StrangerFinger);
        ok &= steps.Run("stranger's phone", StepWork.Verification, () =>
        {
            try
            {
                using var session = PhoneSession.Open(board, RandomNumberGenerator.GetBytes(32), cardKey);
                session.Client.GetInfo();
                timeline.Fail("a stranger's phone was admitted");
                return false;
            }
            catch (Exception refused) when (refused is TimeoutException or ChannelException or InvalidDataException or IOException)
            {
                timeline.Phone($"refused as expected ({refused.GetType().Name})");
                return !board.Link.Phone.IsConnected;
            }
        });

        timeline.Step("Summary");
        steps.PrintTable();
        timeline.Card($"sessions wiped: {card.Firmware.SessionsWiped}, touches: {card.User.Touches}, main-loop turns: {card.Turns}");
        timeline.Card($"radio: {board.Link.BytesToCard} B phone->card, {board.Link.BytesToPhone} B card->phone, {board.Link.Connections} connections");
        timeline.Card($"flash: {board.Flash.BytesWritten} B written, {board.Flash.Erases} page erases");
        Console.WriteLine(ok ? "\nWalk-through complete: every step behaved as expected." : "\nWalk-through FAILED.");
        return ok;
    }
}
