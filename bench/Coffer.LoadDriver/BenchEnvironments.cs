using System.Globalization;
using System.Text;

namespace Coffer.LoadDriver;

/// <summary>
/// The environments a load run works on, in project <c>bench</c>: <c>app</c> imports <c>base-1</c>,
/// <c>base-2</c> and <c>base-3</c>; together they define 50 values, 5 of them <c>fn::secret</c> (sent in
/// plaintext, so the server encrypts them). <c>writes</c> is the target of the update scenario.
/// </summary>
internal static class BenchEnvironments
{
    public const string Project = "bench";
    public const string Root = "app";
    public const string UpdateTarget = "writes";

    public static readonly string[] Imports = ["base-1", "base-2", "base-3"];

    /// <summary>Each import: 12 plain values and one secret (39 values, 3 secrets).</summary>
    public static string Import(int index)
    {
        var yaml = new StringBuilder("values:\n");
        yaml.Append(CultureInfo.InvariantCulture, $"  base{index}:\n");
        for (var i = 1; i <= 12; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"    setting{i}: value-{index}-{i}\n");
        }
        yaml.Append(CultureInfo.InvariantCulture, $"    password:\n      fn::secret: hunter2-{index}\n");
        return yaml.ToString();
    }

    /// <summary>
    /// The root: imports the three and adds 11 values of its own (2 of them secrets), several
    /// interpolating imported ones — 50 values and 5 secrets in all.
    /// </summary>
    public static string App() => """
        imports:
          - bench/base-1
          - bench/base-2
          - bench/base-3
        values:
          app:
            name: load-bench
            region: eu-west-1
            replicas: 3
            url: https://${app.name}.example.com
            first: ${base1.setting1}
            second: ${base2.setting2}
            third: ${base3.setting3}
            apiKey:
              fn::secret: sk-live-0123456789
            databasePassword:
              fn::secret: correct-horse-battery-staple
          environmentVariables:
            APP_URL: ${app.url}
            DATABASE_PASSWORD: ${app.databasePassword}
        """;
}
