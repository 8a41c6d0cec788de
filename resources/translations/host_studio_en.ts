<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>BeautyDock</name>
    <message>
        <location filename="../../ui/beauty_dock.py" line="136"/>
        <source>Beauty and HD</source>
        <translation>Beauty and HD</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="137"/>
        <source>Beauty</source>
        <translation>Beauty</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="138"/>
        <source>HD enhancement</source>
        <translation>HD enhancement</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="139"/>
        <source>Virtual background</source>
        <translation>Virtual background</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="140"/>
        <source>Preset</source>
        <translation>Preset</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="141"/>
        <source>Save as my preset</source>
        <translation>Save as my preset</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="142"/>
        <source>Upscale a low-resolution camera to HD</source>
        <translation>Upscale a low-resolution camera to HD</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="143"/>
        <source>Background</source>
        <translation>Background</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="144"/>
        <location filename="../../ui/beauty_dock.py" line="154"/>
        <source>Picture</source>
        <translation>Picture</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="145"/>
        <source>True-colour product mode</source>
        <translation>True-colour product mode</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="147"/>
        <source>Products keep their real colours: outside faces, the picture is only denoised and sharpened.</source>
        <translation>Products keep their real colours: outside faces, the picture is only denoised and sharpened.</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="148"/>
        <source>Before / after split preview</source>
        <translation>Before / after split preview</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="154"/>
        <source>Off</source>
        <translation>Off</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="154"/>
        <source>Blur</source>
        <translation>Blur</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="164"/>
        <source>Natural</source>
        <translation>Natural</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="164"/>
        <source>Glam</source>
        <translation>Glam</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="164"/>
        <source>My preset</source>
        <translation>My preset</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="167"/>
        <source>Custom</source>
        <translation>Custom</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="195"/>
        <source>Switched off: {0}. It is tried again once it responds.</source>
        <translation>Switched off: {0}. It is tried again once it responds.</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="196"/>
        <source>Switched off: {0}. Trying again in {1} s.</source>
        <translation>Switched off: {0}. Trying again in {1} s.</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="199"/>
        <source>Reduced quality to keep {0} fps (level {1} of {2}).</source>
        <translation>Reduced quality to keep {0} fps (level {1} of {2}).</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="202"/>
        <source>Still too slow: {0} ms a frame against a budget of {1} ms; the frame rate may drop.</source>
        <translation>Still too slow: {0} ms a frame against a budget of {1} ms; the frame rate may drop.</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="249"/>
        <source>Choose a background picture</source>
        <translation>Choose a background picture</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="250"/>
        <source>Pictures (*.png *.jpg *.jpeg)</source>
        <translation>Pictures (*.png *.jpg *.jpeg)</translation>
    </message>
</context>
<context>
    <name>CommentsDock</name>
    <message>
        <location filename="../../ui/commerce_docks.py" line="175"/>
        <location filename="../../ui/commerce_docks.py" line="176"/>
        <source>Comments</source>
        <translation>Comments</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="177"/>
        <source>Questions</source>
        <translation>Questions</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="178"/>
        <location filename="../../ui/commerce_docks.py" line="204"/>
        <source>Pin</source>
        <translation>Pin</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="179"/>
        <source>Unpin</source>
        <translation>Unpin</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="180"/>
        <location filename="../../ui/commerce_docks.py" line="203"/>
        <source>Reply</source>
        <translation>Reply</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="181"/>
        <source>Reply to the selected comment</source>
        <translation>Reply to the selected comment</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="182"/>
        <source>Mark answered</source>
        <translation>Mark answered</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="192"/>
        <location filename="../../ui/commerce_docks.py" line="218"/>
        <source>Select a comment first</source>
        <translation>Select a comment first</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="205"/>
        <source>Mark as complaint</source>
        <translation>Mark as complaint</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="240"/>
        <source>[complaint] </source>
        <translation>[complaint] </translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="245"/>
        <source>↳ you to {0}: {1}</source>
        <translation>↳ you to {0}: {1}</translation>
    </message>
</context>
<context>
    <name>CommerceDock</name>
    <message>
        <location filename="../../ui/commerce_docks.py" line="97"/>
        <source>Why mute {0} for {1} minutes?</source>
        <translation>Why mute {0} for {1} minutes?</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="98"/>
        <source>Why ban {0} from the show?</source>
        <translation>Why ban {0} from the show?</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="99"/>
        <source>Mute</source>
        <translation>Mute</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="99"/>
        <source>Ban</source>
        <translation>Ban</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="100"/>
        <source>Spamming</source>
        <translation>Spamming</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="112"/>
        <source>Mute {0} for 10 minutes…</source>
        <translation>Mute {0} for 10 minutes…</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="114"/>
        <source>Ban {0}…</source>
        <translation>Ban {0}…</translation>
    </message>
</context>
<context>
    <name>GuestDock</name>
    <message>
        <location filename="../../ui/guest_dock.py" line="274"/>
        <source>Invite a guest</source>
        <translation>Invite a guest</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="275"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="275"/>
        <source>Expires after</source>
        <translation>Expires after</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="275"/>
        <source>Uses</source>
        <translation>Uses</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="278"/>
        <source>e.g. the brand&apos;s rep (optional)</source>
        <translation>e.g. the brand&apos;s rep (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="279"/>
        <source>10 minutes</source>
        <translation>10 minutes</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="279"/>
        <source>1 hour</source>
        <translation>1 hour</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="279"/>
        <source>1 day</source>
        <translation>1 day</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="280"/>
        <source>7 days</source>
        <translation>7 days</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="282"/>
        <source>Create link and copy</source>
        <translation>Create link and copy</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="283"/>
        <source>The new link appears here</source>
        <translation>The new link appears here</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="284"/>
        <source>Revoke selected link</source>
        <translation>Revoke selected link</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="285"/>
        <source>Waiting in the lobby</source>
        <translation>Waiting in the lobby</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="286"/>
        <source>On the call</source>
        <translation>On the call</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="287"/>
        <source>Nobody is waiting.</source>
        <translation>Nobody is waiting.</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="288"/>
        <source>No guest on the call. Admitted guests start hidden and muted.</source>
        <translation>No guest on the call. Admitted guests start hidden and muted.</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="289"/>
        <source>Sound</source>
        <translation>Sound</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="290"/>
        <source>Your microphone</source>
        <translation>Your microphone</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="291"/>
        <source>Program</source>
        <translation>Program</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="292"/>
        <source>Mute</source>
        <translation>Mute</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="293"/>
        <source>Noise suppression</source>
        <translation>Noise suppression</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="294"/>
        <location filename="../../ui/guest_dock.py" line="295"/>
        <source>Layout</source>
        <translation>Layout</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="296"/>
        <source>Corner</source>
        <translation>Corner</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="297"/>
        <source>Solo</source>
        <translation>Solo</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="297"/>
        <source>Side by side</source>
        <translation>Side by side</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="297"/>
        <source>Picture in picture</source>
        <translation>Picture in picture</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="298"/>
        <source>Grid</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="300"/>
        <source>Top left</source>
        <translation>Top left</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="300"/>
        <source>Top right</source>
        <translation>Top right</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="300"/>
        <source>Bottom left</source>
        <translation>Bottom left</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="301"/>
        <source>Bottom right</source>
        <translation>Bottom right</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="341"/>
        <source>Link copied: send it to your guest. It is shown only now.</source>
        <translation>Link copied: send it to your guest. It is shown only now.</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="346"/>
        <source>Select a link first</source>
        <translation>Select a link first</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="356"/>
        <source>Guests ({0} waiting)</source>
        <translation>Guests ({0} waiting)</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="356"/>
        <source>Guests</source>
        <translation>Guests</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="400"/>
        <source>{0} · used {1} of {2} · until {3}</source>
        <translation>{0} · used {1} of {2} · until {3}</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="401"/>
        <source>(no name)</source>
        <translation>(no name)</translation>
    </message>
</context>
<context>
    <name>GuestRow</name>
    <message>
        <location filename="../../ui/guest_dock.py" line="144"/>
        <source>Admit</source>
        <translation>Admit</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="145"/>
        <source>Reject</source>
        <translation>Reject</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="146"/>
        <source>Kick</source>
        <translation>Kick</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="147"/>
        <source>End their call; their invite link stops working</source>
        <translation>End their call; their invite link stops working</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="149"/>
        <source>waiting {0}</source>
        <translation>waiting {0}</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="153"/>
        <source>Hide</source>
        <translation>Hide</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="153"/>
        <source>Show</source>
        <translation>Show</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="154"/>
        <source>Their picture in the program</source>
        <translation>Their picture in the program</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="156"/>
        <source>Mute</source>
        <translation>Mute</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="156"/>
        <source>Unmute</source>
        <translation>Unmute</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="157"/>
        <source>Their voice in the program (they always hear the show)</source>
        <translation>Their voice in the program (they always hear the show)</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="158"/>
        <source>on air</source>
        <translation>on air</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="166"/>
        <source>Connection not measured yet</source>
        <translation>Connection not measured yet</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="169"/>
        <source>Round trip {0} ms</source>
        <translation>Round trip {0} ms</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="169"/>
        <source>Loss {0} %</source>
        <translation>Loss {0} %</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="170"/>
        <source>{0} fps</source>
        <translation>{0} fps</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="171"/>
        <source>Resolution {0}×{1}</source>
        <translation>Resolution {0}×{1}</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="172"/>
        <source>the round trip is long</source>
        <translation>the round trip is long</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="172"/>
        <source>packets are being lost</source>
        <translation>packets are being lost</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="173"/>
        <source>few frames arrive</source>
        <translation>few frames arrive</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="173"/>
        <source>the picture is small</source>
        <translation>the picture is small</translation>
    </message>
</context>
<context>
    <name>HotkeysDialog</name>
    <message>
        <location filename="../../ui/hotkeys.py" line="136"/>
        <source>Hotkeys</source>
        <translation>Hotkeys</translation>
    </message>
    <message>
        <location filename="../../ui/hotkeys.py" line="137"/>
        <source>Go Live / End the show</source>
        <translation>Go Live / End the show</translation>
    </message>
    <message>
        <location filename="../../ui/hotkeys.py" line="138"/>
        <source>Pin the next product</source>
        <translation>Pin the next product</translation>
    </message>
    <message>
        <location filename="../../ui/hotkeys.py" line="139"/>
        <source>Start the flash sale</source>
        <translation>Start the flash sale</translation>
    </message>
    <message>
        <location filename="../../ui/hotkeys.py" line="148"/>
        <source>Two actions have the same hotkey: give each its own.</source>
        <translation>Two actions have the same hotkey: give each its own.</translation>
    </message>
</context>
<context>
    <name>LevelMeter</name>
    <message>
        <location filename="../../ui/guest_dock.py" line="74"/>
        <source>{0} dB</source>
        <translation>{0} dB</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="304"/>
        <source>Camera {0}</source>
        <translation>Camera {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="323"/>
        <location filename="../../ui/main_window.py" line="405"/>
        <source>System default</source>
        <translation>System default</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="365"/>
        <source>Host Studio</source>
        <translation>Host Studio</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="366"/>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="367"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="368"/>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="369"/>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="370"/>
        <source>&amp;Overlays</source>
        <translation>&amp;Overlays</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="371"/>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="373"/>
        <source>Viewer link</source>
        <translation>Viewer link</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="374"/>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="375"/>
        <source>Video</source>
        <translation>Video</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="376"/>
        <location filename="../../ui/main_window.py" line="400"/>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="376"/>
        <location filename="../../ui/main_window.py" line="380"/>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="376"/>
        <source>Resolution</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="376"/>
        <source>Frame rate</source>
        <translation>Frame rate</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="377"/>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="380"/>
        <source>Test card</source>
        <translation>Test card</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="380"/>
        <source>Media file</source>
        <translation>Media file</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="381"/>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="383"/>
        <source>Look for cameras and microphones again</source>
        <translation>Look for cameras and microphones again</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="384"/>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="385"/>
        <source>No file chosen</source>
        <translation>No file chosen</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="386"/>
        <location filename="../../ui/main_window.py" line="387"/>
        <source>Canvas</source>
        <translation>Canvas</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="389"/>
        <source>Landscape 16:9</source>
        <translation>Landscape 16:9</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="389"/>
        <source>A 1280×720 picture, for computers and TVs; viewers keep watching through the switch</source>
        <translation>A 1280×720 picture, for computers and TVs; viewers keep watching through the switch</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="391"/>
        <source>Portrait 9:16</source>
        <translation>Portrait 9:16</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="399"/>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="400"/>
        <location filename="../../ui/main_window.py" line="403"/>
        <source>Microphone</source>
        <translation>Microphone</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="400"/>
        <source>Level</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="403"/>
        <source>Test tone</source>
        <translation>Test tone</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="403"/>
        <source>None</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="406"/>
        <source>Filters</source>
        <translation>Filters</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="407"/>
        <source>Mirror (flip left-right)</source>
        <translation>Mirror (flip left-right)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="408"/>
        <source>Brightness</source>
        <translation>Brightness</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="409"/>
        <source>Contrast</source>
        <translation>Contrast</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="410"/>
        <source>Reset brightness and contrast</source>
        <translation>Reset brightness and contrast</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="411"/>
        <source>Beauty and HD…</source>
        <translation>Beauty and HD…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="470"/>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.webp)</source>
        <translation>Images (*.png *.jpg *.jpeg *.bmp *.webp)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="472"/>
        <source>Media files (*.mp4 *.mov *.mkv *.webm *.avi *.ts)</source>
        <translation>Media files (*.mp4 *.mov *.mkv *.webm *.avi *.ts)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="473"/>
        <source>Choose a file to show</source>
        <translation>Choose a file to show</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="474"/>
        <source>All files (*)</source>
        <translation>All files (*)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="548"/>
        <source>Could not change live state: {0}</source>
        <translation>Could not change live state: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="560"/>
        <source>Viewer link copied</source>
        <translation>Viewer link copied</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="564"/>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="564"/>
        <source>Go Live</source>
        <translation>Go Live</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="565"/>
        <source>Go Live or end the show (hotkey {0})</source>
        <translation>Go Live or end the show (hotkey {0})</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="568"/>
        <source>● LIVE</source>
        <translation>● LIVE</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="568"/>
        <source>○ Preview only</source>
        <translation>○ Preview only</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="588"/>
        <source>No audio</source>
        <translation>No audio</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="596"/>
        <source>{0} dB (peak {1} dB)</source>
        <translation>{0} dB (peak {1} dB)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="602"/>
        <source>FPS {0}</source>
        <translation>FPS {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="603"/>
        <source>Bitrate {0}</source>
        <translation>Bitrate {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="604"/>
        <source>{0} Mbit/s</source>
        <translation>{0} Mbit/s</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="605"/>
        <source>Viewers {0}</source>
        <translation>Viewers {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="606"/>
        <source>Dropped {0}</source>
        <translation>Dropped {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="607"/>
        <source>Loop lag {0} ms</source>
        <translation>Loop lag {0} ms</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="609"/>
        <source>Source {0}×{1} @ {2} fps</source>
        <translation>Source {0}×{1} @ {2} fps</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="613"/>
        <source>The video source stopped sending frames — showing placeholder</source>
        <translation>The video source stopped sending frames — showing placeholder</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="615"/>
        <source>Camera unavailable: {0} — showing placeholder, will resume automatically</source>
        <translation>Camera unavailable: {0} — showing placeholder, will resume automatically</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="617"/>
        <source>Video source unavailable: {0} — showing placeholder, will retry automatically</source>
        <translation>Video source unavailable: {0} — showing placeholder, will retry automatically</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="620"/>
        <source>Filter {0} was switched off: {1} — the show goes on without it</source>
        <translation>Filter {0} was switched off: {1} — the show goes on without it</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="623"/>
        <source>Face effects are off: {0}</source>
        <translation>Face effects are off: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="625"/>
        <source>Audio unavailable: {0} — will retry automatically</source>
        <translation>Audio unavailable: {0} — will retry automatically</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="629"/>
        <source>{0}: reconnecting ({1}) — {2}</source>
        <translation>{0}: reconnecting ({1}) — {2}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="632"/>
        <source>{0} stopped: {1}</source>
        <translation>{0} stopped: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="674"/>
        <source>The settings could not be saved: {0}</source>
        <translation>The settings could not be saved: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="412"/>
        <source>End the show?</source>
        <translation>End the show?</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="391"/>
        <source>A 720×1280 picture, for phone platforms; viewers keep watching through the switch</source>
        <translation>A 720×1280 picture, for phone platforms; viewers keep watching through the switch</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="393"/>
        <source>Fit</source>
        <translation>Fit</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="393"/>
        <source>The whole picture, with bars where its shape differs</source>
        <translation>The whole picture, with bars where its shape differs</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="394"/>
        <source>Fill</source>
        <translation>Fill</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="394"/>
        <source>The canvas filled, the picture&apos;s edges cropped (close-ups)</source>
        <translation>The canvas filled, the picture&apos;s edges cropped (close-ups)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="413"/>
        <source>You are live. Quitting ends the show for every viewer and stops every output.</source>
        <translation>You are live. Quitting ends the show for every viewer and stops every output.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="414"/>
        <source>End the show and quit</source>
        <translation>End the show and quit</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="415"/>
        <source>Keep streaming</source>
        <translation>Keep streaming</translation>
    </message>
</context>
<context>
    <name>ModerationDock</name>
    <message>
        <location filename="../../ui/commerce_docks.py" line="552"/>
        <source>Moderation</source>
        <translation>Moderation</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="553"/>
        <source>Your banned words (separated by commas)</source>
        <translation>Your banned words (separated by commas)</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="554"/>
        <source>Apply</source>
        <translation>Apply</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="555"/>
        <source>Muted and banned</source>
        <translation>Muted and banned</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="556"/>
        <source>Nobody. Right-click a comment to mute or ban its sender.</source>
        <translation>Nobody. Right-click a comment to mute or ban its sender.</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="557"/>
        <source>Undo: let them comment again</source>
        <translation>Undo: let them comment again</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="569"/>
        <source>Select someone in the list first</source>
        <translation>Select someone in the list first</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="584"/>
        <source>viewer …{0}</source>
        <translation>viewer …{0}</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="586"/>
        <source>{0}: banned ({1})</source>
        <translation>{0}: banned ({1})</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="589"/>
        <source>{0}: muted until {1} ({2})</source>
        <translation>{0}: muted until {1} ({2})</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="558"/>
        <source>Refused comments (the sender was told why)</source>
        <translation>Refused comments (the sender was told why)</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="564"/>
        <source>Banned words applied</source>
        <translation>Banned words applied</translation>
    </message>
</context>
<context>
    <name>OutputsDock</name>
    <message>
        <location filename="../../ui/outputs_dock.py" line="110"/>
        <source>Streaming and recording</source>
        <translation>Streaming and recording</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="111"/>
        <source>Recording</source>
        <translation>Recording</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="112"/>
        <source>Folder</source>
        <translation>Folder</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="113"/>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="114"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="115"/>
        <source>MP4 (H.264 + AAC, for editing)</source>
        <translation>MP4 (H.264 + AAC, for editing)</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="116"/>
        <source>MKV (the live encode, no extra CPU)</source>
        <translation>MKV (the live encode, no extra CPU)</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="119"/>
        <source>Outputs (start with Go Live)</source>
        <translation>Outputs (start with Go Live)</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="120"/>
        <source>No outputs yet: viewers watch on the studio&apos;s own page.</source>
        <translation>No outputs yet: viewers watch on the studio&apos;s own page.</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="121"/>
        <source>Add an output</source>
        <translation>Add an output</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="122"/>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="122"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="122"/>
        <source>Server URL</source>
        <translation>Server URL</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="125"/>
        <source>e.g. Douyin</source>
        <translation>e.g. Douyin</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="126"/>
        <source>Add output</source>
        <translation>Add output</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="129"/>
        <location filename="../../ui/outputs_dock.py" line="204"/>
        <source>Reconnect now</source>
        <translation>Reconnect now</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="130"/>
        <location filename="../../ui/outputs_dock.py" line="205"/>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="135"/>
        <source>Stream key</source>
        <translation>Stream key</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="135"/>
        <source>Bearer token</source>
        <translation>Bearer token</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="140"/>
        <source>Folder for recordings</source>
        <translation>Folder for recordings</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="179"/>
        <source>Live, {0} kbit/s</source>
        <translation>Live, {0} kbit/s</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="180"/>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="183"/>
        <source>Starting a new file at {0}…</source>
        <translation>Starting a new file at {0}…</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="184"/>
        <source>Starting a new stream at {0}…</source>
        <translation>Starting a new stream at {0}…</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="186"/>
        <source>Connecting…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="188"/>
        <source>Reconnecting ({0})</source>
        <translation>Reconnecting ({0})</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="190"/>
        <source>in {0} s</source>
        <translation>in {0} s</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="193"/>
        <source>Stopped: {0}</source>
        <translation>Stopped: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="194"/>
        <source>Off (starts with Go Live)</source>
        <translation>Off (starts with Go Live)</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="216"/>
        <source>Stop recording</source>
        <translation>Stop recording</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="216"/>
        <source>Start recording</source>
        <translation>Start recording</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="221"/>
        <source>Recording {0} s to {1}</source>
        <translation>Recording {0} s to {1}</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="224"/>
        <source>Saved to {0}</source>
        <translation>Saved to {0}</translation>
    </message>
</context>
<context>
    <name>OverlayPreview</name>
    <message>
        <location filename="../../ui/overlay_editor.py" line="71"/>
        <source>Click an overlay to select it, drag it to move it, drag a handle to resize it, right-click to hide or show overlays. Arrows nudge (Shift: further), Delete hides, Esc deselects, Ctrl+Z undoes.</source>
        <translation>Click an overlay to select it, drag it to move it, drag a handle to resize it, right-click to hide or show overlays. Arrows nudge (Shift: further), Delete hides, Esc deselects, Ctrl+Z undoes.</translation>
    </message>
    <message>
        <location filename="../../ui/overlay_editor.py" line="257"/>
        <source>Hide “{0}”</source>
        <translation>Hide “{0}”</translation>
    </message>
    <message>
        <location filename="../../ui/overlay_editor.py" line="260"/>
        <source>Overlays</source>
        <translation>Overlays</translation>
    </message>
</context>
<context>
    <name>PluginDock</name>
    <message>
        <location filename="../../ui/plugin_dock.py" line="45"/>
        <source>Plugins</source>
        <translation>Plugins</translation>
    </message>
    <message>
        <location filename="../../ui/plugin_dock.py" line="46"/>
        <source>Plugin</source>
        <translation>Plugin</translation>
    </message>
    <message>
        <location filename="../../ui/plugin_dock.py" line="46"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../ui/plugin_dock.py" line="46"/>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../ui/plugin_dock.py" line="76"/>
        <source>Built in</source>
        <translation>Built in</translation>
    </message>
    <message>
        <location filename="../../ui/plugin_dock.py" line="78"/>
        <source>Not loaded: {0}</source>
        <translation>Not loaded: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/plugin_dock.py" line="79"/>
        <source>Off</source>
        <translation>Off</translation>
    </message>
    <message>
        <location filename="../../ui/plugin_dock.py" line="87"/>
        <source>{0} switched off: {1}; tried again once it responds</source>
        <translation>{0} switched off: {1}; tried again once it responds</translation>
    </message>
    <message>
        <location filename="../../ui/plugin_dock.py" line="88"/>
        <source>{0} switched off: {1}; trying again in {2} s</source>
        <translation>{0} switched off: {1}; trying again in {2} s</translation>
    </message>
    <message>
        <location filename="../../ui/plugin_dock.py" line="91"/>
        <source>{0} too slow: {1} ms a frame for a budget of {2} ms</source>
        <translation>{0} too slow: {1} ms a frame for a budget of {2} ms</translation>
    </message>
    <message>
        <location filename="../../ui/plugin_dock.py" line="94"/>
        <source>{0} at reduced quality (level {1} of {2}) to keep the frame rate</source>
        <translation>{0} at reduced quality (level {1} of {2}) to keep the frame rate</translation>
    </message>
    <message>
        <location filename="../../ui/plugin_dock.py" line="79"/>
        <source>On</source>
        <translation>On</translation>
    </message>
</context>
<context>
    <name>PollLotteryDock</name>
    <message>
        <location filename="../../ui/commerce_docks.py" line="455"/>
        <source>Polls and lottery</source>
        <translation>Polls and lottery</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="456"/>
        <source>Poll</source>
        <translation>Poll</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="457"/>
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="458"/>
        <source>2 to 6 options, one per line</source>
        <translation>2 to 6 options, one per line</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="459"/>
        <source>Start poll</source>
        <translation>Start poll</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="460"/>
        <source>Close poll</source>
        <translation>Close poll</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="461"/>
        <source>Lottery (provably fair)</source>
        <translation>Lottery (provably fair)</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="462"/>
        <source>Prize</source>
        <translation>Prize</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="462"/>
        <source>Winners</source>
        <translation>Winners</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="462"/>
        <source>Entry</source>
        <translation>Entry</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="463"/>
        <source>Keyword</source>
        <translation>Keyword</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="463"/>
        <source>Countdown (s)</source>
        <translation>Countdown (s)</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="465"/>
        <source>Keyword comment</source>
        <translation>Keyword comment</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="466"/>
        <source>Click</source>
        <translation>Click</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="467"/>
        <source>Followers only</source>
        <translation>Followers only</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="468"/>
        <source>Start lottery</source>
        <translation>Start lottery</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="469"/>
        <source>Draw now</source>
        <translation>Draw now</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="470"/>
        <source>Copy record</source>
        <translation>Copy record</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="489"/>
        <source>No draw yet</source>
        <translation>No draw yet</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="493"/>
        <source>The record is on the clipboard: studio verify-lottery checks it</source>
        <translation>The record is on the clipboard: studio verify-lottery checks it</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="502"/>
        <source>Closed: </source>
        <translation>Closed: </translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="509"/>
        <source>{0} entrants, draw in {1} s · commitment {2}…</source>
        <translation>{0} entrants, draw in {1} s · commitment {2}…</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="513"/>
        <source>Winners: {0}</source>
        <translation>Winners: {0}</translation>
    </message>
</context>
<context>
    <name>ProductsDock</name>
    <message>
        <location filename="../../ui/commerce_docks.py" line="302"/>
        <source>Products</source>
        <translation>Products</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="303"/>
        <source>Import catalog…</source>
        <translation>Import catalog…</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="304"/>
        <source>Pin on air</source>
        <translation>Pin on air</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="305"/>
        <source>Unpin</source>
        <translation>Unpin</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="306"/>
        <source>Product</source>
        <translation>Product</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="306"/>
        <source>Price</source>
        <translation>Price</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="306"/>
        <source>Stock</source>
        <translation>Stock</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="307"/>
        <source>Advertising Law</source>
        <translation>Advertising Law</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="308"/>
        <source>Flash sale</source>
        <translation>Flash sale</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="309"/>
        <source>Sale price</source>
        <translation>Sale price</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="309"/>
        <source>Stock for the sale</source>
        <translation>Stock for the sale</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="310"/>
        <source>Limit per viewer</source>
        <translation>Limit per viewer</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="310"/>
        <source>Countdown (s)</source>
        <translation>Countdown (s)</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="312"/>
        <source>Start sale</source>
        <translation>Start sale</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="313"/>
        <source>End sale</source>
        <translation>End sale</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="316"/>
        <source>Import catalog</source>
        <translation>Import catalog</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="317"/>
        <source>Catalogs (*.csv *.json)</source>
        <translation>Catalogs (*.csv *.json)</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="326"/>
        <source>The catalog cannot be read: {0}</source>
        <translation>The catalog cannot be read: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="329"/>
        <source>{0} products loaded</source>
        <translation>{0} products loaded</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="335"/>
        <source>Select a product first</source>
        <translation>Select a product first</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="355"/>
        <source>Import a catalog first: there is no next product to pin.</source>
        <translation>Import a catalog first: there is no next product to pin.</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="357"/>
        <source>On air: {0}</source>
        <translation>On air: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="365"/>
        <source>No sale started: pin a product from the catalog first.</source>
        <translation>No sale started: pin a product from the catalog first.</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="367"/>
        <source>Flash sale of {0} started</source>
        <translation>Flash sale of {0} started</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="399"/>
        <source>No sale running</source>
        <translation>No sale running</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="401"/>
        <source>{0}: sold out</source>
        <translation>{0}: sold out</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="403"/>
        <source>{0}: starts in {1} s</source>
        <translation>{0}: starts in {1} s</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="406"/>
        <source>{0}: on, {1} left, {2} orders</source>
        <translation>{0}: on, {1} left, {2} orders</translation>
    </message>
</context>
<context>
    <name>ResumeBanner</name>
    <message>
        <location filename="../../ui/resume_banner.py" line="35"/>
        <source>Host Studio did not close properly last time. Your settings are back, and so are the products and any open flash sale, poll or lottery.</source>
        <translation>Host Studio did not close properly last time. Your settings are back, and so are the products and any open flash sale, poll or lottery.</translation>
    </message>
    <message>
        <location filename="../../ui/resume_banner.py" line="38"/>
        <source>Resume the show to go live again, with {0}.</source>
        <translation>Resume the show to go live again, with {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/resume_banner.py" line="40"/>
        <source>Resume the show to go live again.</source>
        <translation>Resume the show to go live again.</translation>
    </message>
    <message>
        <location filename="../../ui/resume_banner.py" line="42"/>
        <source>The recording starts again in a new file.</source>
        <translation>The recording starts again in a new file.</translation>
    </message>
    <message>
        <location filename="../../ui/resume_banner.py" line="44"/>
        <source>Resume the show</source>
        <translation>Resume the show</translation>
    </message>
    <message>
        <location filename="../../ui/resume_banner.py" line="45"/>
        <source>Not now</source>
        <translation>Not now</translation>
    </message>
</context>
<context>
    <name>ReturnView</name>
    <message>
        <location filename="../../ui/return_view.py" line="55"/>
        <source>The host&apos;s show</source>
        <translation>The host&apos;s show</translation>
    </message>
    <message>
        <location filename="../../ui/return_view.py" line="56"/>
        <source>Leave</source>
        <translation>Leave</translation>
    </message>
    <message>
        <location filename="../../ui/return_view.py" line="68"/>
        <source>Viewers see you</source>
        <translation>Viewers see you</translation>
    </message>
    <message>
        <location filename="../../ui/return_view.py" line="68"/>
        <source>Viewers do not see you</source>
        <translation>Viewers do not see you</translation>
    </message>
    <message>
        <location filename="../../ui/return_view.py" line="69"/>
        <source>viewers hear you</source>
        <translation>viewers hear you</translation>
    </message>
    <message>
        <location filename="../../ui/return_view.py" line="69"/>
        <source>viewers do not hear you</source>
        <translation>viewers do not hear you</translation>
    </message>
    <message>
        <location filename="../../ui/return_view.py" line="73"/>
        <source>Show&apos;s sound {0} dB</source>
        <translation>Show&apos;s sound {0} dB</translation>
    </message>
    <message>
        <location filename="../../ui/return_view.py" line="76"/>
        <source>Playing on {0}</source>
        <translation>Playing on {0}</translation>
    </message>
    <message>
        <location filename="../../ui/return_view.py" line="78"/>
        <source>No audio output device: the show&apos;s sound is not played</source>
        <translation>No audio output device: the show&apos;s sound is not played</translation>
    </message>
    <message>
        <location filename="../../ui/return_view.py" line="86"/>
        <source>Connecting to the host…</source>
        <translation>Connecting to the host…</translation>
    </message>
    <message>
        <location filename="../../ui/return_view.py" line="88"/>
        <source>The connection dropped: reconnecting…</source>
        <translation>The connection dropped: reconnecting…</translation>
    </message>
    <message>
        <location filename="../../ui/return_view.py" line="90"/>
        <source>In the lobby: the host will let you in</source>
        <translation>In the lobby: the host will let you in</translation>
    </message>
    <message>
        <location filename="../../ui/return_view.py" line="92"/>
        <source>On the call: you see and hear the show</source>
        <translation>On the call: you see and hear the show</translation>
    </message>
    <message>
        <location filename="../../ui/return_view.py" line="93"/>
        <source>The call ended: {0}</source>
        <translation>The call ended: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/return_view.py" line="98"/>
        <source>you left</source>
        <translation>you left</translation>
    </message>
    <message>
        <location filename="../../ui/return_view.py" line="99"/>
        <source>the host removed you from the call</source>
        <translation>the host removed you from the call</translation>
    </message>
    <message>
        <location filename="../../ui/return_view.py" line="100"/>
        <source>the host did not let you in</source>
        <translation>the host did not let you in</translation>
    </message>
    <message>
        <location filename="../../ui/return_view.py" line="101"/>
        <source>the connection to the host was lost</source>
        <translation>the connection to the host was lost</translation>
    </message>
    <message>
        <location filename="../../ui/return_view.py" line="103"/>
        <source>the host&apos;s studio refused the link: {0}</source>
        <translation>the host&apos;s studio refused the link: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/return_view.py" line="104"/>
        <source>could not join: {0}</source>
        <translation>could not join: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/return_view.py" line="114"/>
        <source>The host&apos;s picture appears here once you are let in</source>
        <translation>The host&apos;s picture appears here once you are let in</translation>
    </message>
</context>
<context>
    <name>SettingsForm</name>
    <message>
        <location filename="../../ui/settings_form.py" line="75"/>
        <source>Choose a file</source>
        <translation>Choose a file</translation>
    </message>
</context>
<context>
    <name>ShowMenu</name>
    <message>
        <location filename="../../ui/hotkeys.py" line="75"/>
        <source>&amp;Show</source>
        <translation>&amp;Show</translation>
    </message>
    <message>
        <location filename="../../ui/hotkeys.py" line="76"/>
        <source>Pin the next product</source>
        <translation>Pin the next product</translation>
    </message>
    <message>
        <location filename="../../ui/hotkeys.py" line="77"/>
        <source>Start the flash sale of the pinned product</source>
        <translation>Start the flash sale of the pinned product</translation>
    </message>
    <message>
        <location filename="../../ui/hotkeys.py" line="78"/>
        <source>Hotkeys…</source>
        <translation>Hotkeys…</translation>
    </message>
    <message>
        <location filename="../../ui/hotkeys.py" line="79"/>
        <source>End the show?</source>
        <translation>End the show?</translation>
    </message>
    <message>
        <location filename="../../ui/hotkeys.py" line="80"/>
        <source>Ending the show stops it for every viewer and stops every output.</source>
        <translation>Ending the show stops it for every viewer and stops every output.</translation>
    </message>
    <message>
        <location filename="../../ui/hotkeys.py" line="81"/>
        <location filename="../../ui/hotkeys.py" line="86"/>
        <source>End the show</source>
        <translation>End the show</translation>
    </message>
    <message>
        <location filename="../../ui/hotkeys.py" line="82"/>
        <source>Keep streaming</source>
        <translation>Keep streaming</translation>
    </message>
    <message>
        <location filename="../../ui/hotkeys.py" line="86"/>
        <source>Go Live</source>
        <translation>Go Live</translation>
    </message>
</context>
<context>
    <name>StatsDock</name>
    <message>
        <location filename="../../ui/stats_dock.py" line="59"/>
        <source>Stats</source>
        <translation>Stats</translation>
    </message>
    <message>
        <location filename="../../ui/stats_dock.py" line="81"/>
        <source>Frame rate</source>
        <translation>Frame rate</translation>
    </message>
    <message>
        <location filename="../../ui/stats_dock.py" line="81"/>
        <source>program</source>
        <translation>program</translation>
    </message>
    <message>
        <location filename="../../ui/stats_dock.py" line="82"/>
        <source>Bitrate</source>
        <translation>Bitrate</translation>
    </message>
    <message>
        <location filename="../../ui/stats_dock.py" line="83"/>
        <source>viewers&apos; encode</source>
        <translation>viewers&apos; encode</translation>
    </message>
    <message>
        <location filename="../../ui/stats_dock.py" line="85"/>
        <source>Encoder time</source>
        <translation>Encoder time</translation>
    </message>
    <message>
        <location filename="../../ui/stats_dock.py" line="85"/>
        <source>per frame</source>
        <translation>per frame</translation>
    </message>
    <message>
        <location filename="../../ui/stats_dock.py" line="88"/>
        <source>Round-trip time</source>
        <translation>Round-trip time</translation>
    </message>
    <message>
        <location filename="../../ui/stats_dock.py" line="90"/>
        <source>Loss</source>
        <translation>Loss</translation>
    </message>
    <message>
        <location filename="../../ui/stats_dock.py" line="91"/>
        <source>capture</source>
        <translation>capture</translation>
    </message>
    <message>
        <location filename="../../ui/stats_dock.py" line="91"/>
        <source>filters</source>
        <translation>filters</translation>
    </message>
    <message>
        <location filename="../../ui/stats_dock.py" line="92"/>
        <source>encoder</source>
        <translation>encoder</translation>
    </message>
    <message>
        <location filename="../../ui/stats_dock.py" line="92"/>
        <source>network</source>
        <translation>network</translation>
    </message>
    <message>
        <location filename="../../ui/stats_dock.py" line="93"/>
        <source>Dropped per second (total: {0})</source>
        <translation>Dropped per second (total: {0})</translation>
    </message>
    <message>
        <location filename="../../ui/stats_dock.py" line="100"/>
        <source>Sending: {0}</source>
        <translation>Sending: {0}</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../ui/app.py" line="46"/>
        <source>Port {0} is already in use, probably by another Host Studio or another program.

Close that program, or start Host Studio on another port, for example:
    studio --port {1}</source>
        <translation>Port {0} is already in use, probably by another Host Studio or another program.

Close that program, or start Host Studio on another port, for example:
    studio --port {1}</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="51"/>
        <source>Host Studio could not start its viewer server on {0}:{1}:
{2}</source>
        <translation>Host Studio could not start its viewer server on {0}:{1}:
{2}</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="78"/>
        <source>This is not an invite link: {0}</source>
        <translation>This is not an invite link: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="128"/>
        <source>Host Studio cannot start</source>
        <translation>Host Studio cannot start</translation>
    </message>
</context>
<context>
    <name>i18n</name>
    <message>
        <location filename="../../ui/i18n.py" line="53"/>
        <source>LANGUAGE_CODE</source>
        <translation>en</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../ui/plugin_docks.py" line="32"/>
        <source>Plugin {0} could not add its panel: {1}</source>
        <translation>Plugin {0} could not add its panel: {1}</translation>
    </message>
</context>
</TS>
