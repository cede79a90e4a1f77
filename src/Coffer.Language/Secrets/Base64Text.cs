namespace Coffer.Language.Secrets;

/// <summary>
/// Standard padded base64 decoding that skips CR and LF and reports errors the way Go does
/// (<c>illegal base64 data at input byte N</c>).
/// </summary>
internal static class Base64Text
{
    public static bool TryDecode(string text, out byte[] bytes, out string error)
    {
        var output = new List<byte>(text.Length * 3 / 4);
        var quantum = new int[4];
        var count = 0;
        var padding = 0;
        var quantumStart = 0;
        bytes = [];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\r' or '\n')
            {
                continue;
            }
            if (count == 0)
            {
                quantumStart = i;
            }
            if (padding > 0 && c != '=')
            {
                error = $"illegal base64 data at input byte {i}";
                return false;
            }
            if (c == '=')
            {
                if (count < 2)
                {
                    error = $"illegal base64 data at input byte {i}";
                    return false;
                }
                padding++;
                quantum[count++] = 0;
            }
            else
            {
                var v = Value(c);
                if (v < 0)
                {
                    error = $"illegal base64 data at input byte {i}";
                    return false;
                }
                quantum[count++] = v;
            }
            if (count == 4)
            {
                var n = (quantum[0] << 18) | (quantum[1] << 12) | (quantum[2] << 6) | quantum[3];
                output.Add((byte)(n >> 16));
                if (padding < 2)
                {
                    output.Add((byte)(n >> 8));
                }
                if (padding < 1)
                {
                    output.Add((byte)n);
                }
                count = 0;
                if (padding > 0)
                {
                    // Only line breaks may follow the padding.
                    for (var j = i + 1; j < text.Length; j++)
                    {
                        if (text[j] is not ('\r' or '\n'))
                        {
                            error = $"illegal base64 data at input byte {j}";
                            return false;
                        }
                    }
                    break;
                }
            }
        }
        if (count != 0)
        {
            error = $"illegal base64 data at input byte {quantumStart}";
            return false;
        }
        bytes = [.. output];
        error = "";
        return true;
    }

    private static int Value(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        '+' => 62,
        '/' => 63,
        _ => -1,
    };
}
