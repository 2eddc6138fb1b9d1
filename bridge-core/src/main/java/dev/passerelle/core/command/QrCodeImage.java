package dev.passerelle.core.command;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A QR code as a PNG image, ready to upload.
 *
 * @param png    the PNG bytes
 * @param width  in pixels
 * @param height in pixels
 */
public record QrCodeImage(byte[] png, int width, int height) {

    /** Large enough to scan from a screen at arm's length; ZXing scales the modules to fill it. */
    private static final int SIZE = 384;

    /** Renders {@code data} black on white with the standard quiet zone. Pure; does not block. */
    public static QrCodeImage render(String data) {
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(data, BarcodeFormat.QR_CODE, SIZE, SIZE,
                    Map.of(EncodeHintType.MARGIN, 4, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                            EncodeHintType.CHARACTER_SET, "UTF-8"));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot make a QR code of " + data.length()
                    + " characters (too long for a QR code?): " + e.getMessage(), e);
        }
        int w = matrix.getWidth();
        int h = matrix.getHeight();
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, matrix.get(x, y) ? 0xFF000000 : 0xFFFFFFFF);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding in memory failed", e);
        }
        return new QrCodeImage(out.toByteArray(), w, h);
    }
}
