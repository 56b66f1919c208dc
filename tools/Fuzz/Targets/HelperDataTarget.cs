using CardFirmware.Biometrics;
using CardFirmware.Card.Finger;
using CardFirmware.Card.Identity;
using CardFirmware.Fuzz.Rigs;
using CardFirmware.HalSim.Flash;
using CardFirmware.Storage;

namespace CardFirmware.Fuzz.Targets;

/// <summary>
/// The enrolled finger's helper data as the card reads it: streamed from its flash record
/// (<see cref="RecordHelperData"/>) into <see cref="HelperData.Parse(IHelperDataSource)"/>, then
/// unlocked by the fuzzy vault with a touch's codes. Input: <c>query count(1) | helper data</c>; the
/// touch's codes are the x values of the first <c>query count</c> points (so hostile points reach the
/// Reed-Solomon decoder). Invariant: after the touch both the parsed helper data and the
/// vault's working memory are clear.
/// </summary>
internal sealed class HelperDataTarget : FuzzTarget
{
    private const int Pages = 8;

    // Built on first use: under afl, instrumented card code may only run inside the fuzzing loop.
    private readonly Lazy<Workspace> _workspace = new(() => new Workspace());

    public override string Name => "helperdata";

    public override string Description => "HelperData.Parse streamed from the flash record, then FuzzyVault.Unlock";

    public override void Run(byte[] input)
    {
        if (input.Length == 0)
        {
            return;
        }

        var (erased, flash, helper, vault, query) = _workspace.Value;
        flash.Restore(erased);
        var log = RecordLog.Mount(flash, 0, Pages);
        log.Put(StorageKeys.FingerHelperData, input, 1, input.Length - 1);
        try
        {
            helper.Parse(new RecordHelperData(log, StorageKeys.FingerHelperData));
            var count = Math.Min(Math.Min((int)input[0], helper.Count), query.Length);
            for (var i = 0; i < count; i++)
            {
                query[i] = helper.PointX(i);
            }

            count = CodeSet.SortUnique(query, count);
            var key = new byte[32];
            vault.Unlock(helper, query, count, key);
        }
        catch (Exception e) when (TypedErrors.IsTyped(e))
        {
        }
        finally
        {
            helper.Clear();
            if (!helper.IsClear() || !vault.IsClear())
            {
                throw new FuzzFinding("The helper data or the vault kept state after the touch ended.");
            }
        }
    }

    /// <summary>What one touch reuses: an erased flash image and the card's parser and vault.</summary>
    private sealed record Workspace(byte[] Erased, SimFlash Flash, HelperData Helper, FuzzyVault Vault, CodeBuffer Query)
    {
        public Workspace()
            : this(new SimFlash(CardImages.PageSize, Pages).Snapshot(), new SimFlash(CardImages.PageSize, Pages), new HelperData(),
                new FuzzyVault(FuzzyVault.DefaultK), new CodeBuffer(FuzzyVault.MaxUnlocked))
        {
        }
    }

    public override IEnumerable<(string Name, byte[] Data)> Seeds()
    {
        var helper = CardImages.HelperDataBytes;
        yield return ("enrolled-query0", [0, .. helper]);
        yield return ("enrolled-query40", [40, .. helper]);
        yield return ("header-only", [8, .. helper.AsSpan(0, HelperData.HeaderLength)]);
    }
}
