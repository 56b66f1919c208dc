using System.Text;
using CardFirmware.Storage;

namespace CardFirmware.HalSim.Tests.Storage;

public sealed class Crc32Tests
{
    // Check value of CRC-32/ISO-HDLC (the zlib/IEEE 802.3 CRC) from the "Catalogue of
    // parametrised CRC algorithms" (R. Williams / G. Cook): check("123456789") = 0xCBF43926.
    [Fact]
    public void Compute_MatchesTheCatalogueCheckValue()
    {
        var data = Encoding.ASCII.GetBytes("123456789");
        Assert.Equal(0xCBF43926u, Crc32.Compute(data, 0, data.Length));
    }

    [Fact]
    public void Update_InPieces_EqualsOneShot()
    {
        var data = Enumerable.Range(0, 200).Select(i => (byte)(i * 7)).ToArray();
        var state = Crc32.Update(Crc32.Initial, data, 0, 77);
        state = Crc32.Update(state, data, 77, 123);
        Assert.Equal(Crc32.Compute(data, 0, 200), Crc32.Finish(state));
    }

    [Fact]
    public void Compute_OfNothing_IsZero()
    {
        Assert.Equal(0u, Crc32.Compute([], 0, 0));
    }
}
