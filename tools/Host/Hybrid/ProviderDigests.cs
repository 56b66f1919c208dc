using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace CardFirmware.Host.Hybrid;

/// <summary>
/// The 32-byte hashes the provider's callers sign: every HTTP request (signed by the requester's key) and the
/// card's approvals (signed by the card's identity key after the owner's touch). Each is SHA-256 over an ASCII
/// domain label and fixed-layout fields, so a signature made for one purpose is never valid for another.
/// </summary>
public static class ProviderDigests
{
    private static readonly byte[] RequestLabel = Encoding.ASCII.GetBytes("CardFirmware/provider/request/1");
    private static readonly byte[] SessionApprovalLabel = Encoding.ASCII.GetBytes("CardFirmware/provider/approve-session/1");
    private static readonly byte[] PolicyApprovalLabel = Encoding.ASCII.GetBytes("CardFirmware/provider/approve-policy/1");

    /// <summary>Size of the request nonce, bytes.</summary>
    public const int NonceBytes = 16;

    /// <summary>
    /// The hash a request's signature covers: label ‖ method ‖ 0 ‖ path ‖ 0 ‖ key (33) ‖ nonce (16) ‖
    /// time (8, big-endian Unix seconds) ‖ SHA-256(body).
    /// </summary>
    public static byte[] Request(string method, string path, byte[] key, byte[] nonce, long unixSeconds, byte[] body)
    {
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        h.AppendData(RequestLabel);
        h.AppendData(Encoding.ASCII.GetBytes(method));
        h.AppendData([0]);
        h.AppendData(Encoding.UTF8.GetBytes(path));
        h.AppendData([0]);
        h.AppendData(key);
        h.AppendData(nonce);
        Span<byte> time = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(time, unixSeconds);
        h.AppendData(time);
        h.AppendData(SHA256.HashData(body));
        return h.GetHashAndReset();
    }

    /// <summary>
    /// What the card signs to approve one provider session (creating a wallet under a policy, signing with card
    /// and provider, recovering a lost phone or card): label ‖ wallet id ‖ handle ‖ protocol ‖ signers ‖ lost ‖
    /// hash (32, zero if none) ‖ the requester's key (33) ‖ SHA-256(the enrolled policy, empty if none), each
    /// variable field prefixed with its length.
    /// </summary>
    public static byte[] SessionApproval(ProviderSession session, byte[] requesterKey)
    {
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        h.AppendData(SessionApprovalLabel);
        AppendField(h, session.WalletId);
        AppendField(h, session.Handle);
        h.AppendData([(byte)session.Protocol, (byte)session.Signers.Length]);
        foreach (var s in session.Signers)
        {
            h.AppendData([(byte)s]);
        }

        h.AppendData([(byte)session.Lost]);
        AppendField(h, session.Hash ?? new byte[32]);
        AppendField(h, requesterKey);
        AppendField(h, session.Enrollment?.CardKey ?? []);
        AppendField(h, SHA256.HashData(session.Enrollment?.Policy?.Encode() ?? []));
        return h.GetHashAndReset();
    }

    /// <summary>What the card signs to replace a wallet's policy: label ‖ wallet id ‖ new version (4, big-endian) ‖ encoded policy.</summary>
    public static byte[] PolicyApproval(byte[] walletId, int version, ProviderPolicy policy)
    {
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        h.AppendData(PolicyApprovalLabel);
        AppendField(h, walletId);
        Span<byte> v = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(v, version);
        h.AppendData(v);
        AppendField(h, policy.Encode());
        return h.GetHashAndReset();
    }

    private static void AppendField(IncrementalHash h, byte[] field)
    {
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)field.Length);
        h.AppendData(length);
        h.AppendData(field);
    }
}
