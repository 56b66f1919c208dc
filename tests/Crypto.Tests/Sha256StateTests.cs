using System.Text;

namespace CardFirmware.Crypto.Tests;

/// <summary>
/// A SHA-256 continued from a saved state (<see cref="Sha256.SaveState"/> / <see cref="Sha256.LoadState"/>, what a round
/// message hashed across several commands keeps between them) gives the digest of the whole message, wherever the message
/// is cut: on a block boundary, inside a block, or at the padding's edge (55, 56, 64 bytes).
/// </summary>
public class Sha256StateTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(55)]
    [InlineData(56)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(112)]
    public void SaveAndLoad_AtAnyCut_GivesTheWholeMessagesDigest(int cut)
    {
        // FIPS 180-4 example: the 112-byte two-block message.
        var message = Encoding.ASCII.GetBytes("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu");
        var first = new Sha256();
        first.Update(message, 0, cut);
        var state = new byte[Sha256.StateSize + 6];
        first.SaveState(state, 3);

        var second = new Sha256();
        second.Update(message, 0, 17); // whatever it held is replaced
        second.LoadState(state, 3);
        second.Update(message, cut, message.Length - cut);
        var digest = new byte[32];
        second.Final(digest, 0);

        Assert.Equal("cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1", Hex.Encode(digest));
    }

    [Fact]
    public void SaveState_OutsideTheBuffer_IsInvalidLength()
    {
        var sha = new Sha256();
        Assert.Equal(CryptoError.InvalidLength, Assert.Throws<CryptoException>(() => sha.SaveState(new byte[Sha256.StateSize], 1)).Error);
        Assert.Equal(CryptoError.InvalidLength, Assert.Throws<CryptoException>(() => sha.LoadState(new byte[Sha256.StateSize - 1], 0)).Error);
    }
}
