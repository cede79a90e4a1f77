namespace Coffer.Server.Audit;

/// <summary>
/// The audit log could not be written. The request that needed the record fails with 500 and
/// nothing it would have changed or returned takes effect: the audit log is fail-closed.
/// </summary>
public sealed class AuditUnavailableException(Exception inner)
    : Exception("the audit log could not be written, so the request was not carried out", inner);
