package dev.switchboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The listing plots, drawn with XChart: time and peak heap against org size, one line per client. */
final class Plot {
  private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0x2ca02c), new Color(0x98df8a), new Color(0xd62728)};

  private Plot() {}

  /**
   * Draws the two plots.
   *
   * @param sizes the listing section's {@code sizes} array
   * @param timePng where the time plot goes
   * @param heapPng where the heap plot goes
   */
  static void listing(JsonNode sizes, Path timePng, Path heapPng) throws IOException {
    System.setProperty("java.awt.headless", "true");
    draw(sizes, timePng, "Listing every user: median wall time", "time (s)", r -> r.get("medianMs").asDouble() / 1000);
    draw(sizes, heapPng, "Listing every user: peak heap after GC (-Xmx256m)", "heap (MB)",
        r -> r.get("peakHeapAfterGcBytes").asDouble() / 1048576);
  }

  private static void draw(JsonNode sizes, Path png, String title, String yTitle, java.util.function.ToDoubleFunction<JsonNode> y)
      throws IOException {
    XYChart chart = new XYChartBuilder().width(900).height(580).title(title).xAxisTitle("users in the org").yAxisTitle(yTitle).build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotGridLinesColor(new Color(0xdddddd));
    chart.getStyler().setXAxisDecimalPattern("#,###");
    chart.getStyler().setYAxisMin(0.0);
    int i = 0;
    for (OktaClient.Kind kind : OktaClient.Kind.LISTING) {
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (JsonNode s : sizes) {
        if (s.has(kind.id())) {
          xs.add(s.get("users").asDouble());
          ys.add(y.applyAsDouble(s.get(kind.id())));
        }
      }
      XYSeries series = chart.addSeries(kind.label(), xs, ys);
      series.setMarker(SeriesMarkers.CIRCLE);
      series.setLineColor(COLORS[i]);
      series.setMarkerColor(COLORS[i]);
      series.setLineStyle(new BasicStroke(2f));
      i++;
    }
    BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
  }
}
