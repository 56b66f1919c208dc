using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace CardFirmware.Host.Hybrid;

/// <summary>A card approval that verified: what it approves, under which wallet key, with which counter.</summary>
public sealed record VerifiedApproval(int Kind, long Counter, byte[] WalletPublicKey, byte[] Subject);

/// <summary>
/// The provider's check of a card approval (firmware/Card README "Card approval"): 139 bytes, statement(75) =
/// version(1) = 1 | kind(1) | counter(8, BE) | wallet public key(33) | subject(32), then the card identity key's
/// ECDSA signature (64, r | s, low S) over SHA-256("CardFirmware/approval/1" | statement).
/// </summary>
public static class CardApprovalCheck
{
    /// <summary>Kind: a new policy; subject = SHA-256(policy document).</summary>
    public const int PolicyChange = 1;

    /// <summary>Kind: a lost phone's share re-issued; subject = <see cref="PhoneRecoverySubject"/>.</summary>
    public const int PhoneRecovery = 2;

    private const int StatementLength = 75;

    private static readonly byte[] Domain = Encoding.ASCII.GetBytes("CardFirmware/approval/1");

    /// <summary>The subject of a phone recovery: SHA-256(session handle(16) | new phone's static key(33)).</summary>
    public static byte[] PhoneRecoverySubject(byte[] handle, byte[] phoneKey) => SHA256.HashData([.. handle, .. phoneKey]);

    /// <summary>
    /// Verifies <paramref name="approval"/> against the enrolled <paramref name="cardIdentity"/> (33) and returns its
    /// content, or null when it is malformed or its signature fails. Replay (the counter) and the subject are the caller's.
    /// </summary>
    public static VerifiedApproval? Verify(byte[]? approval, byte[] cardIdentity)
    {
        if (approval is null || approval.Length != StatementLength + 64 || approval[0] != 1)
        {
            return null;
        }

        var hash = SHA256.HashData([.. Domain, .. approval.AsSpan(0, StatementLength)]);
        if (!BouncyCastleEcdsa.Verify(cardIdentity, hash, approval[StatementLength..]))
        {
            return null;
        }

        return new VerifiedApproval(approval[1], BinaryPrimitives.ReadInt64BigEndian(approval.AsSpan(2)), approval[10..43], approval[43..75]);
    }
}
