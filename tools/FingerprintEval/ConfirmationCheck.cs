using CardFirmware.Card.Finger;

namespace CardFirmware.Tools.FingerprintEval;

/// <summary>
/// What the enrollment's confirmation check (<see cref="EnrollmentConfirmation"/>: the new vault must
/// release its key for m of n fresh touches before the card stores it) does at an operating point:
/// the share of enrollments it refuses, and the FRR and lockout odds of the owners whose enrollment
/// passes (what a user sees).
/// </summary>
/// <remarks>
/// Model, not a replay: each finger f is taken to accept a touch at its measured rate p_f (its
/// leave-one-out genuine touches), independently from touch to touch, so its enrollment passes with
/// P(Binomial(n, p_f) &gt;= m), and the owners who pass see the pass-weighted mixture of the fingers'
/// rates. The FVC folders hold 8 impressions a finger, all used by the folds, so no fresh impression
/// is left to replay the check itself; a finger's rate from 8 touches is coarse (0/8 and 8/8 are
/// possible), and the vaults of one finger differ from fold to fold.
/// </remarks>
internal static class ConfirmationCheck
{
    private static readonly (int M, int N)[] Alternatives = [(1, 1), (2, 3), (3, 4), (3, 5), (4, 5), (4, 6), (5, 6), (5, 8)];

    public static void Print(OperatingPoint p)
    {
        if (p.PerFinger.Count == 0)
        {
            return;
        }

        Console.WriteLine($"        enrollment confirmation (the card asks {EnrollmentConfirmation.Required} of {EnrollmentConfirmation.Touches} fresh touches to open the new vault; " +
                          "per-finger binomial model from the rates above): m of n -> enrollments refused | FRR of the enrollments that pass | " +
                          $"their owners' P({ApprovalPolicy.LockoutTouches} rejections in a row) (the lockout):");
        foreach (var (m, n) in Alternatives.Append((EnrollmentConfirmation.Required, EnrollmentConfirmation.Touches)).Distinct())
        {
            var (refused, frr, lockout) = Of(p, m, n);
            var card = m == EnrollmentConfirmation.Required && n == EnrollmentConfirmation.Touches ? "  <- the card's" : "";
            Console.WriteLine($"          {m} of {n}: refused {refused:P1} | FRR {frr:P1} | P(lockout) {lockout:G2}{card}");
        }
    }

    /// <summary>Share of enrollments refused, per-touch FRR and P(lockout) of those passing, under the model above.</summary>
    public static (double Refused, double Frr, double Lockout) Of(OperatingPoint p, int m, int n)
    {
        double pass = 0, frr = 0, lockout = 0;
        foreach (var (attempts, rejected) in p.PerFinger.Values)
        {
            var r = (double)rejected / attempts;
            var passes = AtLeast(m, n, 1 - r);
            pass += passes;
            frr += passes * r;
            lockout += passes * Math.Pow(r, ApprovalPolicy.LockoutTouches);
        }

        return pass == 0 ? (1, double.NaN, double.NaN) : (1 - (pass / p.PerFinger.Count), frr / pass, lockout / pass);
    }

    // P(Binomial(n, q) >= m).
    private static double AtLeast(int m, int n, double q)
    {
        double sum = 0;
        for (var k = m; k <= n; k++)
        {
            sum += Choose(n, k) * Math.Pow(q, k) * Math.Pow(1 - q, n - k);
        }

        return sum;
    }

    private static double Choose(int n, int k)
    {
        double c = 1;
        for (var i = 1; i <= k; i++)
        {
            c = c * (n - k + i) / i;
        }

        return c;
    }
}
