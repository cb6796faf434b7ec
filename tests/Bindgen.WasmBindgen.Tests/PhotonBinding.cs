using Bindgen;

namespace Bindgen.WasmBindgen.Tests;

/// <summary>
/// @silvia-odwyer/photon-node 0.3.4 (wasm-bindgen 0.2.9x, externref table, multi-value results): an image library
/// whose API is one class, PhotonImage, passed lent to 141 free functions, plus the colour classes Rgb and Rgba that
/// some take by value (moved). Declared from the package's photon_rs.d.ts: every function and class member whose
/// types Bindgen lifts; the 7 that take or return browser objects (HTMLCanvasElement, ImageData) are not declared.
/// </summary>
[WasmModule(Abi = WasmAbi.WasmBindgen, Glue = "photon_rs.js")]
public interface IPhoton
{
    [WasmExport("PhotonImage.constructor")]
    IPhotonImage NewPhotonImage(byte[] rawPixels, int width, int height);

    [WasmExport("PhotonImage.new_from_base64")]
    IPhotonImage PhotonImageFromBase64(string base64);

    [WasmExport("PhotonImage.new_from_byteslice")]
    IPhotonImage PhotonImageFromBytes(byte[] vec);

    [WasmExport("Rgb.constructor")]
    IRgb NewRgb(int r, int g, int b);

    [WasmExport("Rgba.constructor")]
    IRgba NewRgba(int r, int g, int b, int a);

    void AlterChannel(IPhotonImage img, int channel, int amt);

    void AlterRedChannel(IPhotonImage photon_image, int amt);

    void AlterGreenChannel(IPhotonImage img, int amt);

    void AlterBlueChannel(IPhotonImage img, int amt);

    void AlterTwoChannels(IPhotonImage img, int channel1, int amt1, int channel2, int amt2);

    void AlterChannels(IPhotonImage img, int r_amt, int g_amt, int b_amt);

    void RemoveChannel(IPhotonImage img, int channel, int min_filter);

    void RemoveRedChannel(IPhotonImage img, int min_filter);

    void RemoveGreenChannel(IPhotonImage img, int min_filter);

    void RemoveBlueChannel(IPhotonImage img, int min_filter);

    void SwapChannels(IPhotonImage img, int channel1, int channel2);

    void Invert(IPhotonImage photon_image);

    void SelectiveHueRotate(IPhotonImage photon_image, IRgb ref_color, float degrees);

    void SelectiveColorConvert(IPhotonImage photon_image, IRgb ref_color, IRgb new_color, float fraction);

    void SelectiveLighten(IPhotonImage img, IRgb ref_color, float amt);

    void SelectiveDesaturate(IPhotonImage img, IRgb ref_color, float amt);

    void SelectiveSaturate(IPhotonImage img, IRgb ref_color, float amt);

    void SelectiveGreyscale(IPhotonImage photon_image, IRgb ref_color);

    void Monochrome(IPhotonImage img, int r_offset, int g_offset, int b_offset);

    void Sepia(IPhotonImage img);

    void Grayscale(IPhotonImage img);

    void GrayscaleHumanCorrected(IPhotonImage img);

    void Desaturate(IPhotonImage img);

    void DecomposeMin(IPhotonImage img);

    void DecomposeMax(IPhotonImage img);

    void GrayscaleShades(IPhotonImage photon_image, int num_shades);

    void RGrayscale(IPhotonImage photon_image);

    void GGrayscale(IPhotonImage photon_image);

    void BGrayscale(IPhotonImage photon_image);

    void SingleChannelGrayscale(IPhotonImage photon_image, int channel);

    void Threshold(IPhotonImage img, int threshold);

    void GammaCorrection(IPhotonImage photon_image, float red, float green, float blue);

    void Hsluv(IPhotonImage photon_image, string mode, float amt);

    void Lch(IPhotonImage photon_image, string mode, float amt);

    void Hsl(IPhotonImage photon_image, string mode, float amt);

    void Hsv(IPhotonImage photon_image, string mode, float amt);

    void HueRotateHsl(IPhotonImage img, float degrees);

    void HueRotateHsv(IPhotonImage img, float degrees);

    void HueRotateLch(IPhotonImage img, float degrees);

    void HueRotateHsluv(IPhotonImage img, float degrees);

    void SaturateHsl(IPhotonImage img, float level);

    void SaturateLch(IPhotonImage img, float level);

    void SaturateHsluv(IPhotonImage img, float level);

    void SaturateHsv(IPhotonImage img, float level);

    void LightenLch(IPhotonImage img, float level);

    void LightenHsluv(IPhotonImage img, float level);

    void LightenHsl(IPhotonImage img, float level);

    void LightenHsv(IPhotonImage img, float level);

    void DarkenLch(IPhotonImage img, float level);

    void DarkenHsluv(IPhotonImage img, float level);

    void DarkenHsl(IPhotonImage img, float level);

    void DarkenHsv(IPhotonImage img, float level);

    void DesaturateHsv(IPhotonImage img, float level);

    void DesaturateHsl(IPhotonImage img, float level);

    void DesaturateLch(IPhotonImage img, float level);

    void DesaturateHsluv(IPhotonImage img, float level);

    void MixWithColour(IPhotonImage photon_image, IRgb mix_colour, float opacity);

    void NoiseReduction(IPhotonImage photon_image);

    void Sharpen(IPhotonImage photon_image);

    void EdgeDetection(IPhotonImage photon_image);

    void Identity(IPhotonImage photon_image);

    void BoxBlur(IPhotonImage photon_image);

    void GaussianBlur(IPhotonImage photon_image, int radius);

    void DetectHorizontalLines(IPhotonImage photon_image);

    void DetectVerticalLines(IPhotonImage photon_image);

    [WasmExport("detect_45_deg_lines")]
    void Detect45DegLines(IPhotonImage photon_image);

    [WasmExport("detect_135_deg_lines")]
    void Detect135DegLines(IPhotonImage photon_image);

    void Laplace(IPhotonImage photon_image);

    void EdgeOne(IPhotonImage photon_image);

    void Emboss(IPhotonImage photon_image);

    void SobelHorizontal(IPhotonImage photon_image);

    void PrewittHorizontal(IPhotonImage photon_image);

    void SobelVertical(IPhotonImage photon_image);

    void SobelGlobal(IPhotonImage photon_image);

    void AddNoiseRand(IPhotonImage photon_image);

    void PinkNoise(IPhotonImage photon_image);

    void Watermark(IPhotonImage img, IPhotonImage watermark, long x, long y);

    void Blend(IPhotonImage photon_image, IPhotonImage photon_image2, string blend_mode);

    IPhotonImage CreateGradient(int width, int height);

    void ApplyGradient(IPhotonImage image);

    void Neue(IPhotonImage photon_image);

    void Lix(IPhotonImage photon_image);

    void Ryo(IPhotonImage photon_image);

    void Filter(IPhotonImage img, string filter_name);

    void Lofi(IPhotonImage img);

    void PastelPink(IPhotonImage img);

    void Golden(IPhotonImage img);

    void Cali(IPhotonImage img);

    void Dramatic(IPhotonImage img);

    void MonochromeTint(IPhotonImage img, IRgb rgb_color);

    void DuotoneViolette(IPhotonImage img);

    void DuotoneHorizon(IPhotonImage img);

    void DuotoneTint(IPhotonImage img, IRgb rgb_color);

    void DuotoneLilac(IPhotonImage img);

    void DuotoneOchre(IPhotonImage img);

    void Firenze(IPhotonImage img);

    void Obsidian(IPhotonImage img);

    IPhotonImage Crop(IPhotonImage photon_image, int x1, int y1, int x2, int y2);

    void Fliph(IPhotonImage photon_image);

    void Flipv(IPhotonImage photon_image);

    IPhotonImage Resize(IPhotonImage photon_img, int width, int height, int sampling_filter);

    IPhotonImage SeamCarve(IPhotonImage img, int width, int height);

    IPhotonImage Shearx(IPhotonImage photon_img, float shear);

    IPhotonImage Sheary(IPhotonImage photon_img, float shear);

    IPhotonImage PaddingUniform(IPhotonImage img, int padding, IRgba padding_rgba);

    IPhotonImage PaddingLeft(IPhotonImage img, int padding, IRgba padding_rgba);

    IPhotonImage PaddingRight(IPhotonImage img, int padding, IRgba padding_rgba);

    IPhotonImage PaddingTop(IPhotonImage img, int padding, IRgba padding_rgba);

    IPhotonImage PaddingBottom(IPhotonImage img, int padding, IRgba padding_rgba);

    IPhotonImage Rotate(IPhotonImage photon_img, float angle);

    IPhotonImage Resample(IPhotonImage img, int dst_width, int dst_height);

    void Offset(IPhotonImage photon_image, int channel_index, int offset);

    void OffsetRed(IPhotonImage img, int offset_amt);

    void OffsetGreen(IPhotonImage img, int offset_amt);

    void OffsetBlue(IPhotonImage img, int offset_amt);

    void MultipleOffsets(IPhotonImage photon_image, int offset, int channel_index, int channel_index2);

    void Halftone(IPhotonImage photon_image);

    void Primary(IPhotonImage img);

    void Colorize(IPhotonImage photon_image);

    void Solarize(IPhotonImage photon_image);

    IPhotonImage SolarizeRetimg(IPhotonImage photon_image);

    void AdjustBrightness(IPhotonImage photon_image, int brightness);

    void IncBrightness(IPhotonImage photon_image, int brightness);

    void DecBrightness(IPhotonImage photon_image, int brightness);

    void AdjustContrast(IPhotonImage photon_image, float contrast);

    void Tint(IPhotonImage photon_image, int r_offset, int g_offset, int b_offset);

    void HorizontalStrips(IPhotonImage photon_image, int num_strips);

    void ColorHorizontalStrips(IPhotonImage photon_image, int num_strips, IRgb color);

    void VerticalStrips(IPhotonImage photon_image, int num_strips);

    void ColorVerticalStrips(IPhotonImage photon_image, int num_strips, IRgb color);

    void Oil(IPhotonImage photon_image, int radius, double intensity);

    void FrostedGlass(IPhotonImage photon_image);

    void Pixelize(IPhotonImage photon_image, int pixel_size);

    void Normalize(IPhotonImage photon_image);

    void Dither(IPhotonImage photon_image, int depth);

    void Duotone(IPhotonImage photon_image, IRgb color_a, IRgb color_b);

    void DrawTextWithBorder(IPhotonImage photon_img, string text, int x, int y, float font_size);

    void DrawText(IPhotonImage photon_img, string text, int x, int y, float font_size);

    void Run();

    IPhotonImage Base64ToImage(string base64);

    byte[] Base64ToVec(string base64);

    /// <summary>The class PhotonImage: pixels in the module's memory, freed on Dispose.</summary>
    public interface IPhotonImage : System.IDisposable
    {
        uint GetWidth();

        uint GetHeight();

        byte[] GetRawPixels();

        string GetBase64();

        byte[] GetBytes();

        byte[] GetBytesJpeg(int quality);

        byte[] GetBytesWebp();
    }

    /// <summary>The class Rgb.</summary>
    public interface IRgb : System.IDisposable
    {
        void SetRed(int r);

        void SetGreen(int g);

        void SetBlue(int b);

        int GetRed();

        int GetGreen();

        int GetBlue();
    }

    /// <summary>The class Rgba.</summary>
    public interface IRgba : System.IDisposable
    {
        void SetRed(int r);

        void SetGreen(int g);

        void SetBlue(int b);

        void SetAlpha(int a);

        int GetRed();

        int GetGreen();

        int GetBlue();

        int GetAlpha();
    }
}
