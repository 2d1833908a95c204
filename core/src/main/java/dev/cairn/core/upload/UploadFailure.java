package dev.cairn.core.upload;

/**
 * Why an upload request was refused. Each reason has a stable code for error bodies; the HTTP adapter maps reasons
 * to tus statuses in one place, as follows.
 *
 * <table>
 *   <caption>Reason, tus status, and when it happens</caption>
 *   <tr><th>reason</th><th>status</th><th>when</th></tr>
 *   <tr><td>{@link #NOT_FOUND}</td><td>404</td><td>no such upload, or another user's (never told apart), or a
 *       partial upload named in a final one that is either</td></tr>
 *   <tr><td>{@link #EXPIRED}</td><td>410</td><td>past its expiry, not yet swept</td></tr>
 *   <tr><td>{@link #LOCKED}</td><td>423</td><td>another request is writing, finishing or deleting it</td></tr>
 *   <tr><td>{@link #OFFSET_MISMATCH}</td><td>409</td><td>{@code Upload-Offset} is not the stored offset</td></tr>
 *   <tr><td>{@link #CHECKSUM_MISMATCH}</td><td>460</td><td>the chunk's checksum does not match; chunk discarded</td></tr>
 *   <tr><td>{@link #INVALID_CHECKSUM}</td><td>400</td><td>unsupported checksum algorithm, or malformed
 *       {@code Upload-Checksum}</td></tr>
 *   <tr><td>{@link #TOO_LARGE}</td><td>413</td><td>over {@code MAX_CONTENT_SIZE_MB}: a declared length, a final
 *       upload's total, or bytes of a deferred-length upload</td></tr>
 *   <tr><td>{@link #EXCEEDS_LENGTH}</td><td>413</td><td>a PATCH would write past the declared length</td></tr>
 *   <tr><td>{@link #INVALID_LENGTH}</td><td>400</td><td>a negative length, a length below the offset, or an
 *       attempt to change a declared length</td></tr>
 *   <tr><td>{@link #INVALID_METADATA}</td><td>400</td><td>{@code Upload-Metadata} malformed, not UTF-8, too long,
 *       or a file name, title or type out of bounds</td></tr>
 *   <tr><td>{@link #INVALID_CONCATENATION}</td><td>400</td><td>a final upload of a part that is not a partial upload
 *       or is incomplete, or one that declares a length</td></tr>
 *   <tr><td>{@link #NOT_PATCHABLE}</td><td>403</td><td>a PATCH to a final upload</td></tr>
 *   <tr><td>{@link #STORAGE}</td><td>500</td><td>the disk failed, or the spool no longer holds the durable bytes;
 *       what was durable is kept and a finish is retried by the next HEAD or sweep</td></tr>
 * </table>
 */
public enum UploadFailure {
    NOT_FOUND("upload_not_found"),
    EXPIRED("upload_expired"),
    LOCKED("upload_locked"),
    OFFSET_MISMATCH("upload_offset_mismatch"),
    CHECKSUM_MISMATCH("upload_checksum_mismatch"),
    INVALID_CHECKSUM("upload_invalid_checksum"),
    TOO_LARGE("upload_too_large"),
    EXCEEDS_LENGTH("upload_exceeds_length"),
    INVALID_LENGTH("upload_invalid_length"),
    INVALID_METADATA("upload_invalid_metadata"),
    INVALID_CONCATENATION("upload_invalid_concatenation"),
    NOT_PATCHABLE("upload_not_patchable"),
    STORAGE("upload_storage_failed");

    private final String code;

    UploadFailure(String code) {
        this.code = code;
    }

    /** The machine-readable code for error bodies, e.g. {@code upload_checksum_mismatch}. */
    public String code() {
        return code;
    }
}
