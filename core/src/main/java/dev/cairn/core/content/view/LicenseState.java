package dev.cairn.core.content.view;

import java.util.Locale;

/** The viewer's standing towards a content's licensed renditions. */
public enum LicenseState {
    /** The viewer uploaded it: licensed without a license row. */
    OWNER,
    /** The viewer holds a license (bought or granted). */
    LICENSED,
    /** The viewer holds none, or is anonymous. */
    UNLICENSED;

    /** The lower-case wire form. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
