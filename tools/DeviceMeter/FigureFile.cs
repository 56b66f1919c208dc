using CardFirmware.CardTime;
using CardFirmware.DeviceMeter.Operations;

namespace CardFirmware.DeviceMeter;

/// <summary>
/// Writes <c>tools/CardTime/card-operations.json</c>: the per-operation figures the simulator
/// charges, with the touch carved out of wallet creation and signing so that a step can charge
/// each touch it saw once.
/// </summary>
public static class FigureFile
{
    /// <summary>Writes the figures, counted on card code at <paramref name="commit"/>, into the repository this program runs in; returns the path.</summary>
    public static string Write(IReadOnlyList<OperationResult> results, string commit)
    {
        var figures = new List<OperationFigure>();
        foreach (var result in results.Where(r => r.Route == "firmware"))
        {
            figures.Add(Figure(result.Id, result.Title, result));
        }

        figures.Add(Without("enroll-completion", "what the completing enrollment touch costs beyond the first", Find("enroll-last-touch"), Find("enroll-touch")));
        figures.Add(Without("create-wallet-2of2-commands", "2-of-2 wallet creation without its touch", Find("create-wallet-2of2"), Find("create-wallet-2of2-touch")));
        figures.Add(Without("sign-2of2-commands", "2-of-2 signing without its touch", Find("sign-2of2"), Find("verification-touch")));
        var table = new OperationFigures($"device meter, card code at {commit}: {OperationFigures.RegenerateCommand}", figures);
        var path = Path.Combine(RepositoryRoot(), "tools", "CardTime", "card-operations.json");
        File.WriteAllText(path, table.ToJson() + Environment.NewLine);
        return path;

        OperationResult Find(string id) => results.First(r => r.Id == id);
    }

    private static OperationFigure Figure(string id, string title, OperationResult r) =>
        new(id, title, r.Il, r.NativeCalls, r.Allocations, r.AllocatedBytes);

    private static OperationFigure Without(string id, string title, OperationResult whole, OperationResult part) =>
        new(id, title, whole.Il - part.Il, whole.NativeCalls - part.NativeCalls, whole.Allocations - part.Allocations, whole.AllocatedBytes - part.AllocatedBytes);

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CardFirmware.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Run --update-figures from inside the repository (CardFirmware.sln not found above the current folder).");
    }
}
