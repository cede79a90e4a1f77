namespace Coffer.Language;

/// <summary>What an evaluation does with providers, rotators and stored secrets.</summary>
public enum EvaluationMode
{
    /// <summary>
    /// Static checking: providers and rotators are not called (their results are unknown but typed by
    /// their schemas) and ciphertexts stay unknown unless secrets are shown.
    /// </summary>
    Check,

    /// <summary>Full evaluation (opening an environment): providers are called and ciphertexts decrypted.</summary>
    Open,

    /// <summary>Like <see cref="Open"/>, but the root environment's rotators rotate first.</summary>
    Rotate,
}
