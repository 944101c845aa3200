/* A stand-in for Windows.UI.ViewManagement.UISettings, for screenshots under Wine 8 only.
 *
 * Qt 6.9's Windows platform asks UISettings for the accent and text colours when it starts.
 * Windows 10/11 provide it; Debian 12's Wine 8 does not, and the uncaught WinRT error aborts
 * the app (c0000409). This DLL answers with Windows' default light colours so that the real
 * `windows` platform (GDI/DirectWrite text, native style) can run under Wine for the
 * screenshot in docs/. It is registered in the build's Wine prefix only and never shipped.
 *
 * Build: x86_64-w64-mingw32-gcc -shared -O2 -o uisettings_stub.dll uisettings_stub.c
 */
#include <windows.h>

typedef struct { BYTE A, R, G, B; } UiColor; /* Windows.UI.Color */
typedef void *HSTRING;

static const GUID IID_IUnknown_ = {0x00000000, 0, 0, {0xC0, 0, 0, 0, 0, 0, 0, 0x46}};
static const GUID IID_IInspectable_ = {0xAF86E2E0, 0xB12D, 0x4C6A,
                                       {0x9C, 0x5A, 0xD7, 0xAA, 0x65, 0x10, 0x1E, 0x90}};
static const GUID IID_IActivationFactory_ = {0x00000035, 0, 0, {0xC0, 0, 0, 0, 0, 0, 0, 0x46}};
static const GUID IID_IAgileObject_ = {0x94EA2B94, 0xE9CC, 0x49E0,
                                       {0xC0, 0xFF, 0xEE, 0x64, 0xCA, 0x8F, 0x5B, 0x90}};
static const GUID IID_IUISettings_ = {0x85361600, 0x1C63, 0x4627,
                                      {0xBC, 0xB1, 0x3A, 0x89, 0xE0, 0xBC, 0x9C, 0x55}};
static const GUID IID_IUISettings3_ = {0x03021BE4, 0x5254, 0x4781,
                                       {0x81, 0x94, 0x51, 0x68, 0xF7, 0xD0, 0x6D, 0x7B}};

/* Every object here is a static singleton: reference counting is a no-op. */
typedef struct Object { void **vtbl; } Object;
static Object factory, settings, settings3;

static ULONG STDMETHODCALLTYPE add_ref(Object *self) { (void)self; return 2; }
static ULONG STDMETHODCALLTYPE release(Object *self) { (void)self; return 1; }

static HRESULT STDMETHODCALLTYPE query_interface(Object *self, REFIID iid, void **out)
{
    *out = NULL;
    if (IsEqualGUID(iid, &IID_IUnknown_) || IsEqualGUID(iid, &IID_IInspectable_) ||
        IsEqualGUID(iid, &IID_IAgileObject_))
        *out = self;
    else if (self == &factory && IsEqualGUID(iid, &IID_IActivationFactory_))
        *out = &factory;
    else if (self != &factory && IsEqualGUID(iid, &IID_IUISettings_))
        *out = &settings;
    else if (self != &factory && IsEqualGUID(iid, &IID_IUISettings3_))
        *out = &settings3;
    return *out ? S_OK : E_NOINTERFACE;
}

static HRESULT STDMETHODCALLTYPE get_iids(Object *self, ULONG *count, GUID **iids)
{
    (void)self;
    *count = 0;
    *iids = NULL;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE get_runtime_class_name(Object *self, HSTRING *name)
{
    (void)self;
    *name = NULL; /* the empty string */
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE get_trust_level(Object *self, int *level)
{
    (void)self;
    *level = 0;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE not_implemented(void) { return E_NOTIMPL; }

static HRESULT STDMETHODCALLTYPE activate_instance(Object *self, Object **instance)
{
    (void)self;
    *instance = &settings;
    return S_OK;
}

/* UIColorType: Background, Foreground, AccentDark3..1, Accent, AccentLight1..3, Complement */
static HRESULT STDMETHODCALLTYPE get_color_value(Object *self, int type, UiColor *color)
{
    static const UiColor colors[] = {
        {255, 255, 255, 255}, {255, 0, 0, 0}, {255, 0, 26, 104}, {255, 0, 66, 117},
        {255, 0, 90, 158}, {255, 0, 120, 215}, {255, 66, 156, 227}, {255, 118, 185, 237},
        {255, 166, 216, 255}, {0, 0, 0, 0},
    };
    (void)self;
    if (type < 0 || type >= (int)(sizeof colors / sizeof colors[0]))
        return E_INVALIDARG;
    *color = colors[type];
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE add_color_values_changed(Object *self, void *handler,
                                                          INT64 *token)
{
    (void)self;
    (void)handler;
    *token = 1;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE remove_color_values_changed(Object *self, INT64 token)
{
    (void)self;
    (void)token;
    return S_OK;
}

#define INSPECTABLE (void *)query_interface, (void *)add_ref, (void *)release, \
    (void *)get_iids, (void *)get_runtime_class_name, (void *)get_trust_level
#define STUB (void *)not_implemented
static void *factory_vtbl[] = {INSPECTABLE, (void *)activate_instance};
/* IUISettings: 13 properties Qt does not read */
static void *settings_vtbl[] = {INSPECTABLE, STUB, STUB, STUB, STUB, STUB, STUB, STUB,
                                STUB, STUB, STUB, STUB, STUB, STUB};
static void *settings3_vtbl[] = {INSPECTABLE, (void *)get_color_value,
                                 (void *)add_color_values_changed,
                                 (void *)remove_color_values_changed};
static Object factory = {factory_vtbl}, settings = {settings_vtbl},
              settings3 = {settings3_vtbl};

__declspec(dllexport) HRESULT WINAPI DllGetActivationFactory(HSTRING classid, Object **out)
{
    (void)classid;
    *out = &factory;
    return S_OK;
}

__declspec(dllexport) HRESULT WINAPI DllCanUnloadNow(void) { return S_FALSE; }
