package dev.tollgate.console.viewmodel;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One editable row of the upstream's target table; the weight stays text until the edit is built. */
public final class TargetRow {

    private final StringProperty url = new SimpleStringProperty("");
    private final StringProperty weight = new SimpleStringProperty("1");

    public TargetRow(String url, String weight) {
        this.url.set(url);
        this.weight.set(weight);
    }

    public StringProperty urlProperty() {
        return url;
    }

    public StringProperty weightProperty() {
        return weight;
    }
}
