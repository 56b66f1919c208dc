using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using CardFirmware.Card.Protocol;
using CardFirmware.Host.Attestation;

namespace CardFirmware.Host;

/// <summary>
/// The vendor's and the phone's halves of a firmware update (firmware/Card/Update): the vendor
/// signs a manifest (version, length, SHA-256 of the image) with its root key; the phone sends
/// the manifest, the image in order in blocks, and the activation, which asks the owner for a touch.
/// </summary>
public static class FirmwareUpdater
{
    /// <summary>Image bytes per UpdateData request.</summary>
    public const int BlockSize = 1024;

    /// <summary>The signed manifest (104 bytes) of <paramref name="image"/> as version <paramref name="version"/>.</summary>
    public static byte[] Manifest(VendorKey vendor, int version, byte[] image) => Manifest(vendor, version, image.Length, SHA256.HashData(image));

    /// <summary>A signed manifest with the given fields (tests sign wrong ones).</summary>
    public static byte[] Manifest(VendorKey vendor, int version, int length, byte[] imageHash)
    {
        var manifest = new byte[104];
        BinaryPrimitives.WriteInt32BigEndian(manifest, version);
        BinaryPrimitives.WriteInt32BigEndian(manifest.AsSpan(4), length);
        imageHash.CopyTo(manifest, 8);
        var signed = SHA256.HashData([.. Encoding.ASCII.GetBytes("CardFirmware/update/1"), .. manifest.AsSpan(0, 40)]);
        vendor.Sign(signed).CopyTo(manifest, 40);
        return manifest;
    }

    /// <summary>Sends the whole update; returns the version the card reports active. Throws <see cref="CardRefusedException"/> on a refusal.</summary>
    public static int Install(CardClient card, byte[] manifest, byte[] image)
    {
        card.Exchange(CommandCode.UpdateBegin, manifest);
        for (var offset = 0; offset < image.Length; offset += BlockSize)
        {
            var count = Math.Min(BlockSize, image.Length - offset);
            var request = new byte[4 + count];
            BinaryPrimitives.WriteInt32BigEndian(request, offset);
            image.AsSpan(offset, count).CopyTo(request.AsSpan(4));
            card.Exchange(CommandCode.UpdateData, request);
        }

        return BinaryPrimitives.ReadInt32BigEndian(card.Exchange(CommandCode.UpdateActivate, []));
    }
}
