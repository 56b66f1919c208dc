using CardFirmware.Card;
using CardFirmware.Fuzz.Rigs;
using CardFirmware.HalSim.Board;
using CardFirmware.HalSim.Fpc1020;

namespace CardFirmware.Fuzz.Targets;

/// <summary>
/// The card's whole boot (<see cref="Card.Card.Boot"/>: self-test, mount, interrupted reset or
/// wallet creation, identity, bonds, counter, command table, radio) over a hostile flash image on the
/// simulated board (64 pages of 4 KiB). Input: chunks; the first is written at the start of area A,
/// the second at the start of area B, the rest erased. Boot must complete whatever the flash holds
/// (the card stays reachable for a factory reset; damage is reported, not thrown) and expose a
/// 33-byte identity key: any exception is a finding.
/// </summary>
internal sealed class BootTarget : FuzzTarget
{
    // The image is laid out in one buffer kept for the process and copied into each new board's
    // flash: a fresh 256 KiB array per input (and a throwaway flash around it) made the collector's
    // large-object heap, not the boot, the main cost of an input.
    private readonly byte[] _image = new byte[CardImages.PageSize * CardImages.Pages];

    public override string Name => "boot";

    public override string Description => "Card.Boot on the simulated board over a hostile flash image";

    public override void Run(byte[] input)
    {
        var board = new SimBoard(new SimBoardOptions { FlashPageSize = CardImages.PageSize, FlashPages = CardImages.Pages });
        FlashTarget.Lay(Chunks.Split(input, 0), _image, _image.Length / 2);
        board.Flash.Restore(_image);
        var sensor = new Fpc1020Emulator(board.Clock, board.SensorIrq, board.SensorReset);
        board.Bus.Attach(SimBoard.SensorChipSelect, sensor);
        var card = new Card.Card(board, Fixtures.Curve, new CardConfig());
        card.Boot();
        if (card.IdentityPublicKey().Length != 33)
        {
            throw new FuzzFinding("The card booted with an identity key of " + card.IdentityPublicKey().Length + " bytes.");
        }
    }

    public override IEnumerable<(string Name, byte[] Data)> Seeds()
    {
        var area = CardImages.PageSize * CardImages.Pages / 2;
        foreach (var (name, image) in CardImages.All(CardImages.Pages))
        {
            yield return (name, Chunks.Join([], [CardImages.TrimErased(image, 0, area), []]));
        }

        yield return ("erased", []);
    }
}
