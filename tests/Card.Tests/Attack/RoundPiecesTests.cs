using System.Reflection;
using System.Security.Cryptography;
using CardFirmware.Card.Protocol;
using CardFirmware.Card.Protocol.Messages;
using CardFirmware.Card.Tests.Wallet;
using CardFirmware.Card.Wallet;
using CardFirmware.Crypto.Threshold;
using CardFirmware.Host;

namespace CardFirmware.Card.Tests.Attack;

/// <summary>
/// A malicious phone against the card's round-2 message in pieces (firmware/Card README "Round messages in pieces"):
/// pieces asked for when none is due, with a body, after the last one, a later round before the last piece, a new run
/// or the session's end in the middle. Each gets a typed refusal or drops the run; nothing stored changes, the run's
/// secrets are wiped, and an honest signature works afterwards.
/// </summary>
public class RoundPiecesTests
{
    private static WalletRig WalletWithFinger()
    {
        var rig = new WalletRig();
        rig.Finger.TouchEnrolled();
        rig.Phone.Create();
        return rig;
    }

    private static MaliciousSign Begin(WalletRig rig)
    {
        rig.Finger.TouchEnrolled();
        return MaliciousSign.Begin(new CardClient(rig.Dispatcher.Dispatch), rig.Phone.Share!, RandomNumberGenerator.GetBytes(32), MaliciousSign.NewHash());
    }

    private static WireStatus Refusal(Action action) => Assert.Throws<CardRefusedException>(action).Status;

    private static void AssertStillSigns(WalletRig rig)
    {
        var hash = MaliciousSign.NewHash();
        rig.Finger.TouchEnrolled();
        Assert.True(BouncyCastleEcdsa.Verify(rig.Phone.PublicKey([]), hash, rig.Phone.Sign(hash, [])));
    }

    /// <summary>The card's signing party of the run in progress (null when none).</summary>
    private static SignParty? CardParty(WalletRig rig) =>
        (SignParty?)typeof(PartyRoundHandler).GetProperty("Party", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(rig.Sign);

    /// <summary>The party's round-2 secrets are gone: the RVOLE inputs with the stream, and the rows with the work buffer.</summary>
    private static void AssertRound2SecretsWiped(SignParty party)
    {
        Assert.Equal(PartyState.Aborted, party.State);
        Assert.Null(typeof(SignParty).GetField("_aliceStream", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(party));
        Assert.Null(typeof(SignParty).GetField("_work", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(party));
    }

    [Fact]
    public void HonestRun_Round2ComesInElevenPiecesUnder4KiB_AndSigns()
    {
        var rig = WalletWithFinger();
        var run = Begin(rig);
        var pieces = new List<byte[]> { run.Round2FirstPiece(run.Phone1) };
        var length = RoundEnvelope.PiecedMessageLength(pieces[0], CardClient.MaxPiecedMessageBytes);
        while (pieces.Sum(p => p.Length) < length)
        {
            pieces.Add(run.NextPiece());
        }

        Assert.Equal(SignParty.Round2MessageBytes, length);
        Assert.Equal(11, pieces.Count);
        Assert.All(pieces, p => Assert.InRange(p.Length, 1, RoundEnvelope.MaxPieceBytes));
        Assert.Equal(WireStatus.NotAllowedNow, Refusal(() => run.NextPiece()));
        var signature = run.Finish([.. pieces.SelectMany(p => p)]);
        Assert.True(BouncyCastleEcdsa.Verify(rig.Phone.PublicKey([]), run.Hash, signature));
    }

    [Fact]
    public void NextPiece_WhenNoneIsDue_IsNotAllowedNow()
    {
        var rig = WalletWithFinger();
        var client = new CardClient(rig.Dispatcher.Dispatch);
        Assert.Equal(WireStatus.NotAllowedNow, Refusal(() => client.Exchange(CommandCode.Sign, [RoundEnvelope.NextPieceRound])));

        // After round 1 the card's reply was whole: no piece is due either, and the run goes on.
        var run = Begin(rig);
        Assert.Equal(WireStatus.NotAllowedNow, Refusal(() => run.NextPiece()));
        var signature = run.Complete();
        Assert.True(BouncyCastleEcdsa.Verify(rig.Phone.PublicKey([]), run.Hash, signature));
    }

    [Fact]
    public void Round3_BeforeTheLastPiece_IsNotAllowedNow_AndThePiecesGoOn()
    {
        var rig = WalletWithFinger();
        var run = Begin(rig);
        var message = new List<byte>(run.Round2FirstPiece(run.Phone1));
        message.AddRange(run.NextPiece());

        var phone2 = run.Phone2();
        Assert.Equal(WireStatus.NotAllowedNow, Refusal(() => run.Round3(phone2)));
        Assert.Equal(WireStatus.NotAllowedNow, Refusal(() => new CardClient(rig.Dispatcher.Dispatch).Exchange(CommandCode.Sign, [2, .. run.Phone1])));

        while (message.Count < SignParty.Round2MessageBytes)
        {
            message.AddRange(run.NextPiece());
        }

        var card3 = run.Round3(phone2);
        run.Party.Presign([[.. message]]);
        run.Party.SignHash(run.Hash);
        Assert.True(BouncyCastleEcdsa.Verify(rig.Phone.PublicKey([]), run.Hash, run.Party.Combine([card3])));
    }

    [Fact]
    public void NextPiece_WithABody_IsMalformed_AndTheRunGoesOn()
    {
        var rig = WalletWithFinger();
        var run = Begin(rig);
        var message = new List<byte>(run.Round2FirstPiece(run.Phone1));

        Assert.Equal(WireStatus.MalformedRequest, Refusal(() =>
            new CardClient(rig.Dispatcher.Dispatch).Exchange(CommandCode.Sign, [RoundEnvelope.NextPieceRound, 0])));

        while (message.Count < SignParty.Round2MessageBytes)
        {
            message.AddRange(run.NextPiece());
        }

        Assert.True(BouncyCastleEcdsa.Verify(rig.Phone.PublicKey([]), run.Hash, run.Finish([.. message])));
    }

    [Fact]
    public void NewRun_InTheMiddleOfThePieces_DropsTheOldRunAndWipesIt()
    {
        var rig = WalletWithFinger();
        var run = Begin(rig);
        run.Round2FirstPiece(run.Phone1);
        run.NextPiece();
        var old = CardParty(rig)!;
        Assert.Equal(PartyState.Round2Sending, old.State);
        var walletBefore = WalletRecord.Read(rig.Log);

        var next = Begin(rig);

        AssertRound2SecretsWiped(old);
        Assert.Equal(walletBefore, WalletRecord.Read(rig.Log));
        Assert.Equal(WireStatus.NotAllowedNow, Refusal(() => run.NextPiece()));
        Assert.True(BouncyCastleEcdsa.Verify(rig.Phone.PublicKey([]), next.Hash, next.Complete()));
        AssertStillSigns(rig);
    }

    [Fact]
    public void SessionEnd_InTheMiddleOfThePieces_WipesTheRun()
    {
        var rig = WalletWithFinger();
        var run = Begin(rig);
        run.Round2FirstPiece(run.Phone1);
        var party = CardParty(rig)!;

        rig.Sign.EndSession();

        AssertRound2SecretsWiped(party);
        Assert.Equal(WireStatus.NotAllowedNow, Refusal(() => run.NextPiece()));
        AssertStillSigns(rig);
    }
}
