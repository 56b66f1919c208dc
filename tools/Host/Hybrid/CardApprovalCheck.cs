using System.Buffers.Binary;
using System.Security.Cryptography;
using CardFirmware.Card.Hybrid;

namespace CardFirmware.Host.Hybrid;

/// <summary>A card approval that verified: what it approves, under which wallet key, with which counter.</summary>
public sealed record VerifiedApproval(int Kind, long Counter, byte[] WalletPublicKey, byte[] Subject);

/// <summary>
/// The provider's check of a card approval (firmware/Card README "Card approval"): 139 bytes, statement(75) =
/// version(1) = 1 | kind(1) | counter(8, BE) | wallet public key(33) | subject(32), then the card identity key's
/// ECDSA signature (64, r | s, low S) over SHA-256("CardFirmware/approval/1" | statement). The layout and the hash
/// are the card's own (<see cref="CardApproval"/>); this is the verifying side, used by the service and the in-process provider.
/// </summary>
public static class CardApprovalCheck
{
    /// <summary>Kind: a new policy; subject = SHA-256(<see cref="ProviderPolicy.Encode"/>).</summary>
    public const int PolicyChange = (int)ApprovalKind.PolicyChange;

    /// <summary>Kind: a lost phone's share re-issued; subject = <see cref="PhoneRecoverySubject"/>.</summary>
    public const int PhoneRecovery = (int)ApprovalKind.PhoneRecovery;

    private const int StatementLength = CardApproval.StatementLength;

    /// <summary>The subject of a phone recovery: SHA-256(session handle(16) | new phone's static key(33)).</summary>
    public static byte[] PhoneRecoverySubject(byte[] handle, byte[] phoneKey) => SHA256.HashData([.. handle, .. phoneKey]);

    /// <summary>
    /// Verifies <paramref name="approval"/> against the enrolled <paramref name="cardIdentity"/> (33) and returns its
    /// content, or null when it is malformed or its signature fails. Replay (the counter) and the subject are the caller's.
    /// </summary>
    public static VerifiedApproval? Verify(byte[]? approval, byte[] cardIdentity)
    {
        if (approval is null || approval.Length != CardApproval.Length || approval[0] != CardApproval.Version)
        {
            return null;
        }

        var hash = CardApproval.Hash(approval, 0);
        if (!BouncyCastleEcdsa.Verify(cardIdentity, hash, approval[StatementLength..]))
        {
            return null;
        }

        return new VerifiedApproval(approval[1], BinaryPrimitives.ReadInt64BigEndian(approval.AsSpan(2)), approval[10..43], approval[43..75]);
    }
}
