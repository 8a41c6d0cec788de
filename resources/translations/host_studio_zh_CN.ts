<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BeautyDock</name>
    <message>
        <location filename="../../ui/beauty_dock.py" line="136"/>
        <source>Beauty and HD</source>
        <translation>美颜与高清</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="137"/>
        <source>Beauty</source>
        <translation>美颜</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="138"/>
        <source>HD enhancement</source>
        <translation>高清画质</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="139"/>
        <source>Virtual background</source>
        <translation>虚拟背景</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="140"/>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="141"/>
        <source>Save as my preset</source>
        <translation>保存为我的预设</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="142"/>
        <source>Upscale a low-resolution camera to HD</source>
        <translation>低分辨率摄像头超清放大</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="143"/>
        <source>Background</source>
        <translation>背景</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="144"/>
        <location filename="../../ui/beauty_dock.py" line="154"/>
        <source>Picture</source>
        <translation>图片</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="145"/>
        <source>True-colour product mode</source>
        <translation>商品真色模式（所见即所得）</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="147"/>
        <source>Products keep their real colours: outside faces, the picture is only denoised and sharpened.</source>
        <translation>商品保持真实颜色：人脸以外的画面只做降噪和锐化。</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="148"/>
        <source>Before / after split preview</source>
        <translation>前后对比分屏预览</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="154"/>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="154"/>
        <source>Blur</source>
        <translation>虚化</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="164"/>
        <source>Natural</source>
        <translation>自然</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="164"/>
        <source>Glam</source>
        <translation>精致</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="164"/>
        <source>My preset</source>
        <translation>我的预设</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="167"/>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="195"/>
        <source>Switched off: {0}. It is tried again once it responds.</source>
        <translation>已关闭：{0}。待其恢复响应后会再次尝试。</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="196"/>
        <source>Switched off: {0}. Trying again in {1} s.</source>
        <translation>已关闭：{0}。{1} 秒后重试。</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="199"/>
        <source>Reduced quality to keep {0} fps (level {1} of {2}).</source>
        <translation>为保持 {0} 帧/秒已降低画质（第 {1} 级，共 {2} 级）。</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="202"/>
        <source>Still too slow: {0} ms a frame against a budget of {1} ms; the frame rate may drop.</source>
        <translation>仍然太慢：每帧 {0} 毫秒，预算为 {1} 毫秒；帧率可能下降。</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="249"/>
        <source>Choose a background picture</source>
        <translation>选择背景图片</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="250"/>
        <source>Pictures (*.png *.jpg *.jpeg)</source>
        <translation>图片 (*.png *.jpg *.jpeg)</translation>
    </message>
</context>
<context>
    <name>CommentsDock</name>
    <message>
        <location filename="../../ui/commerce_docks.py" line="175"/>
        <location filename="../../ui/commerce_docks.py" line="176"/>
        <source>Comments</source>
        <translation>评论</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="177"/>
        <source>Questions</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="178"/>
        <location filename="../../ui/commerce_docks.py" line="204"/>
        <source>Pin</source>
        <translation>置顶</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="179"/>
        <source>Unpin</source>
        <translation>取消置顶</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="180"/>
        <location filename="../../ui/commerce_docks.py" line="203"/>
        <source>Reply</source>
        <translation>回复</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="181"/>
        <source>Reply to the selected comment</source>
        <translation>回复选中的评论</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="182"/>
        <source>Mark answered</source>
        <translation>标记已回答</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="192"/>
        <location filename="../../ui/commerce_docks.py" line="218"/>
        <source>Select a comment first</source>
        <translation>请先选择一条评论</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="205"/>
        <source>Mark as complaint</source>
        <translation>标记为投诉</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="240"/>
        <source>[complaint] </source>
        <translation>[投诉] </translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="245"/>
        <source>↳ you to {0}: {1}</source>
        <translation>↳ 你回复 {0}：{1}</translation>
    </message>
</context>
<context>
    <name>CommerceDock</name>
    <message>
        <location filename="../../ui/commerce_docks.py" line="97"/>
        <source>Why mute {0} for {1} minutes?</source>
        <translation>为什么禁言 {0} {1} 分钟？（会告知对方）</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="98"/>
        <source>Why ban {0} from the show?</source>
        <translation>为什么把 {0} 拉黑？（会告知对方）</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="99"/>
        <source>Mute</source>
        <translation>禁言</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="99"/>
        <source>Ban</source>
        <translation>拉黑</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="100"/>
        <source>Spamming</source>
        <translation>刷屏</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="112"/>
        <source>Mute {0} for 10 minutes…</source>
        <translation>禁言 {0} 10 分钟…</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="114"/>
        <source>Ban {0}…</source>
        <translation>拉黑 {0}…</translation>
    </message>
</context>
<context>
    <name>GuestDock</name>
    <message>
        <location filename="../../ui/guest_dock.py" line="274"/>
        <source>Invite a guest</source>
        <translation>邀请嘉宾</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="275"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="275"/>
        <source>Expires after</source>
        <translation>有效期</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="275"/>
        <source>Uses</source>
        <translation>可用次数</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="278"/>
        <source>e.g. the brand&apos;s rep (optional)</source>
        <translation>例如：品牌方（可不填）</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="279"/>
        <source>10 minutes</source>
        <translation>10 分钟</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="279"/>
        <source>1 hour</source>
        <translation>1 小时</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="279"/>
        <source>1 day</source>
        <translation>1 天</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="280"/>
        <source>7 days</source>
        <translation>7 天</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="282"/>
        <source>Create link and copy</source>
        <translation>生成链接并复制</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="283"/>
        <source>The new link appears here</source>
        <translation>新链接显示在这里</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="284"/>
        <source>Revoke selected link</source>
        <translation>作废所选链接</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="285"/>
        <source>Waiting in the lobby</source>
        <translation>等候室</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="286"/>
        <source>On the call</source>
        <translation>连麦中</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="287"/>
        <source>Nobody is waiting.</source>
        <translation>没有人在等候。</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="288"/>
        <source>No guest on the call. Admitted guests start hidden and muted.</source>
        <translation>暂无连麦嘉宾。嘉宾进入后默认不出画、不出声。</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="289"/>
        <source>Sound</source>
        <translation>声音</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="290"/>
        <source>Your microphone</source>
        <translation>你的麦克风</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="291"/>
        <source>Program</source>
        <translation>节目输出</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="292"/>
        <source>Mute</source>
        <translation>静音</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="293"/>
        <source>Noise suppression</source>
        <translation>降噪</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="294"/>
        <location filename="../../ui/guest_dock.py" line="295"/>
        <source>Layout</source>
        <translation>布局</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="296"/>
        <source>Corner</source>
        <translation>小窗位置</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="297"/>
        <source>Solo</source>
        <translation>仅主播</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="297"/>
        <source>Side by side</source>
        <translation>左右并排</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="297"/>
        <source>Picture in picture</source>
        <translation>画中画</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="298"/>
        <source>Grid</source>
        <translation>宫格</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="300"/>
        <source>Top left</source>
        <translation>左上</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="300"/>
        <source>Top right</source>
        <translation>右上</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="300"/>
        <source>Bottom left</source>
        <translation>左下</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="301"/>
        <source>Bottom right</source>
        <translation>右下</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="341"/>
        <source>Link copied: send it to your guest. It is shown only now.</source>
        <translation>链接已复制，请发给嘉宾。链接只在此刻显示。</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="346"/>
        <source>Select a link first</source>
        <translation>请先选择一个链接</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="356"/>
        <source>Guests ({0} waiting)</source>
        <translation>连麦嘉宾（{0} 人等候）</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="356"/>
        <source>Guests</source>
        <translation>连麦嘉宾</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="400"/>
        <source>{0} · used {1} of {2} · until {3}</source>
        <translation>{0} · 已用 {1}/{2} 次 · 有效至 {3}</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="401"/>
        <source>(no name)</source>
        <translation>（未命名）</translation>
    </message>
</context>
<context>
    <name>GuestRow</name>
    <message>
        <location filename="../../ui/guest_dock.py" line="144"/>
        <source>Admit</source>
        <translation>允许进入</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="145"/>
        <source>Reject</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="146"/>
        <source>Kick</source>
        <translation>踢出</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="147"/>
        <source>End their call; their invite link stops working</source>
        <translation>结束其连麦，其邀请链接随即失效</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="149"/>
        <source>waiting {0}</source>
        <translation>已等候 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="153"/>
        <source>Hide</source>
        <translation>隐藏画面</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="153"/>
        <source>Show</source>
        <translation>显示画面</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="154"/>
        <source>Their picture in the program</source>
        <translation>嘉宾画面是否进入直播画面</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="156"/>
        <source>Mute</source>
        <translation>静音</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="156"/>
        <source>Unmute</source>
        <translation>开麦</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="157"/>
        <source>Their voice in the program (they always hear the show)</source>
        <translation>嘉宾声音是否进入直播（嘉宾始终能听到节目）</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="158"/>
        <source>on air</source>
        <translation>直播中</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="166"/>
        <source>Connection not measured yet</source>
        <translation>尚未测得连接质量</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="169"/>
        <source>Round trip {0} ms</source>
        <translation>往返延迟 {0} 毫秒</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="169"/>
        <source>Loss {0} %</source>
        <translation>丢包 {0}%</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="170"/>
        <source>{0} fps</source>
        <translation>{0} 帧/秒</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="171"/>
        <source>Resolution {0}×{1}</source>
        <translation>分辨率 {0}×{1}</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="172"/>
        <source>the round trip is long</source>
        <translation>往返延迟偏高</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="172"/>
        <source>packets are being lost</source>
        <translation>正在丢包</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="173"/>
        <source>few frames arrive</source>
        <translation>收到的帧数偏少</translation>
    </message>
    <message>
        <location filename="../../ui/guest_dock.py" line="173"/>
        <source>the picture is small</source>
        <translation>画面分辨率偏低</translation>
    </message>
</context>
<context>
    <name>HotkeysDialog</name>
    <message>
        <location filename="../../ui/hotkeys.py" line="136"/>
        <source>Hotkeys</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location filename="../../ui/hotkeys.py" line="137"/>
        <source>Go Live / End the show</source>
        <translation>开始直播 / 结束直播</translation>
    </message>
    <message>
        <location filename="../../ui/hotkeys.py" line="138"/>
        <source>Pin the next product</source>
        <translation>置顶下一件商品</translation>
    </message>
    <message>
        <location filename="../../ui/hotkeys.py" line="139"/>
        <source>Start the flash sale</source>
        <translation>开始秒杀</translation>
    </message>
    <message>
        <location filename="../../ui/hotkeys.py" line="148"/>
        <source>Two actions have the same hotkey: give each its own.</source>
        <translation>两个操作用了同一个快捷键：请为每个操作设置不同的快捷键。</translation>
    </message>
</context>
<context>
    <name>LevelMeter</name>
    <message>
        <location filename="../../ui/guest_dock.py" line="74"/>
        <source>{0} dB</source>
        <translation>{0} 分贝</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="304"/>
        <source>Camera {0}</source>
        <translation>摄像头 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="323"/>
        <location filename="../../ui/main_window.py" line="405"/>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="365"/>
        <source>Host Studio</source>
        <translation>Host Studio 主播工作室</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="366"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="367"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="368"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="369"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="370"/>
        <source>&amp;Overlays</source>
        <translation>画面叠加(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="371"/>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="373"/>
        <source>Viewer link</source>
        <translation>观众链接</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="374"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="375"/>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="376"/>
        <location filename="../../ui/main_window.py" line="400"/>
        <source>Source</source>
        <translation>信号源</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="376"/>
        <location filename="../../ui/main_window.py" line="380"/>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="376"/>
        <source>Resolution</source>
        <translation>分辨率</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="376"/>
        <source>Frame rate</source>
        <translation>帧率</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="377"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="380"/>
        <source>Test card</source>
        <translation>测试卡</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="380"/>
        <source>Media file</source>
        <translation>媒体文件</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="381"/>
        <source>Image</source>
        <translation>图片</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="383"/>
        <source>Look for cameras and microphones again</source>
        <translation>重新查找摄像头和麦克风</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="384"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="385"/>
        <source>No file chosen</source>
        <translation>未选择文件</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="386"/>
        <location filename="../../ui/main_window.py" line="387"/>
        <source>Canvas</source>
        <translation>画面</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="389"/>
        <source>Landscape 16:9</source>
        <translation>横屏 16:9</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="389"/>
        <source>A 1280×720 picture, for computers and TVs; viewers keep watching through the switch</source>
        <translation>1280×720 横屏画面，适合电脑和电视；切换时观众不断流</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="391"/>
        <source>Portrait 9:16</source>
        <translation>竖屏 9:16</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="399"/>
        <source>Audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="400"/>
        <location filename="../../ui/main_window.py" line="403"/>
        <source>Microphone</source>
        <translation>麦克风</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="400"/>
        <source>Level</source>
        <translation>电平</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="403"/>
        <source>Test tone</source>
        <translation>测试音</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="403"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="406"/>
        <source>Filters</source>
        <translation>滤镜</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="407"/>
        <source>Mirror (flip left-right)</source>
        <translation>镜像（左右翻转）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="408"/>
        <source>Brightness</source>
        <translation>亮度</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="409"/>
        <source>Contrast</source>
        <translation>对比度</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="410"/>
        <source>Reset brightness and contrast</source>
        <translation>重置亮度和对比度</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="411"/>
        <source>Beauty and HD…</source>
        <translation>美颜与高清…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="470"/>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.webp)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.bmp *.webp)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="472"/>
        <source>Media files (*.mp4 *.mov *.mkv *.webm *.avi *.ts)</source>
        <translation>媒体文件 (*.mp4 *.mov *.mkv *.webm *.avi *.ts)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="473"/>
        <source>Choose a file to show</source>
        <translation>选择要播放的文件</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="474"/>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="548"/>
        <source>Could not change live state: {0}</source>
        <translation>无法切换直播状态：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="560"/>
        <source>Viewer link copied</source>
        <translation>观众链接已复制</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="564"/>
        <source>Stop</source>
        <translation>停止直播</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="564"/>
        <source>Go Live</source>
        <translation>开始直播</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="565"/>
        <source>Go Live or end the show (hotkey {0})</source>
        <translation>开始或结束直播（快捷键 {0}）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="568"/>
        <source>● LIVE</source>
        <translation>● 直播中</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="568"/>
        <source>○ Preview only</source>
        <translation>○ 仅预览</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="588"/>
        <source>No audio</source>
        <translation>无音频</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="596"/>
        <source>{0} dB (peak {1} dB)</source>
        <translation>{0} dB（峰值 {1} dB）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="602"/>
        <source>FPS {0}</source>
        <translation>帧率 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="603"/>
        <source>Bitrate {0}</source>
        <translation>码率 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="604"/>
        <source>{0} Mbit/s</source>
        <translation>{0} Mbit/s</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="605"/>
        <source>Viewers {0}</source>
        <translation>观众 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="606"/>
        <source>Dropped {0}</source>
        <translation>丢帧 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="607"/>
        <source>Loop lag {0} ms</source>
        <translation>事件循环延迟 {0} ms</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="609"/>
        <source>Source {0}×{1} @ {2} fps</source>
        <translation>信号源 {0}×{1} @ {2} 帧/秒</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="613"/>
        <source>The video source stopped sending frames — showing placeholder</source>
        <translation>视频源已停止输出画面 — 正在显示占位画面</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="615"/>
        <source>Camera unavailable: {0} — showing placeholder, will resume automatically</source>
        <translation>摄像头不可用：{0} — 正在显示占位画面，设备恢复后将自动继续</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="617"/>
        <source>Video source unavailable: {0} — showing placeholder, will retry automatically</source>
        <translation>视频源不可用：{0} — 正在显示占位画面，将自动重试</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="620"/>
        <source>Filter {0} was switched off: {1} — the show goes on without it</source>
        <translation>滤镜 {0} 已停用：{1} — 直播继续进行</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="623"/>
        <source>Face effects are off: {0}</source>
        <translation>人脸特效已关闭：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="625"/>
        <source>Audio unavailable: {0} — will retry automatically</source>
        <translation>音频不可用：{0} — 将自动重试</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="629"/>
        <source>{0}: reconnecting ({1}) — {2}</source>
        <translation>{0}：正在重连（{1}）— {2}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="632"/>
        <source>{0} stopped: {1}</source>
        <translation>{0} 已停止：{1}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="674"/>
        <source>The settings could not be saved: {0}</source>
        <translation>设置无法保存：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="412"/>
        <source>End the show?</source>
        <translation>结束直播？</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="391"/>
        <source>A 720×1280 picture, for phone platforms; viewers keep watching through the switch</source>
        <translation>720×1280 竖屏画面，适合手机平台；切换时观众不断流</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="393"/>
        <source>Fit</source>
        <translation>适应</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="393"/>
        <source>The whole picture, with bars where its shape differs</source>
        <translation>显示完整画面，比例不同处留黑边</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="394"/>
        <source>Fill</source>
        <translation>填充</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="394"/>
        <source>The canvas filled, the picture&apos;s edges cropped (close-ups)</source>
        <translation>铺满画布，裁去画面边缘（适合特写）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="413"/>
        <source>You are live. Quitting ends the show for every viewer and stops every output.</source>
        <translation>正在直播。退出会为所有观众结束直播，并停止所有推流输出。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="414"/>
        <source>End the show and quit</source>
        <translation>结束直播并退出</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="415"/>
        <source>Keep streaming</source>
        <translation>继续直播</translation>
    </message>
</context>
<context>
    <name>ModerationDock</name>
    <message>
        <location filename="../../ui/commerce_docks.py" line="552"/>
        <source>Moderation</source>
        <translation>评论管理</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="553"/>
        <source>Your banned words (separated by commas)</source>
        <translation>自定义屏蔽词（用逗号分隔）</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="554"/>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="555"/>
        <source>Muted and banned</source>
        <translation>禁言与拉黑</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="556"/>
        <source>Nobody. Right-click a comment to mute or ban its sender.</source>
        <translation>暂无。右键点击评论即可禁言或拉黑发送者。</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="557"/>
        <source>Undo: let them comment again</source>
        <translation>撤销：允许其再次评论</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="569"/>
        <source>Select someone in the list first</source>
        <translation>请先在列表中选择一人</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="584"/>
        <source>viewer …{0}</source>
        <translation>观众…{0}</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="586"/>
        <source>{0}: banned ({1})</source>
        <translation>{0}：已拉黑（{1}）</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="589"/>
        <source>{0}: muted until {1} ({2})</source>
        <translation>{0}：禁言至 {1}（{2}）</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="558"/>
        <source>Refused comments (the sender was told why)</source>
        <translation>被拒绝的评论（已告知发送者原因）</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="564"/>
        <source>Banned words applied</source>
        <translation>屏蔽词已生效</translation>
    </message>
</context>
<context>
    <name>OutputsDock</name>
    <message>
        <location filename="../../ui/outputs_dock.py" line="110"/>
        <source>Streaming and recording</source>
        <translation>推流与录制</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="111"/>
        <source>Recording</source>
        <translation>录制</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="112"/>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="113"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="114"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="115"/>
        <source>MP4 (H.264 + AAC, for editing)</source>
        <translation>MP4（H.264 + AAC，便于剪辑）</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="116"/>
        <source>MKV (the live encode, no extra CPU)</source>
        <translation>MKV（直播编码，不额外占用 CPU）</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="119"/>
        <source>Outputs (start with Go Live)</source>
        <translation>推流输出（随开播启动）</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="120"/>
        <source>No outputs yet: viewers watch on the studio&apos;s own page.</source>
        <translation>尚无推流输出：观众在本工作室的页面观看。</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="121"/>
        <source>Add an output</source>
        <translation>添加推流输出</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="122"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="122"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="122"/>
        <source>Server URL</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="125"/>
        <source>e.g. Douyin</source>
        <translation>例如：抖音</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="126"/>
        <source>Add output</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="129"/>
        <location filename="../../ui/outputs_dock.py" line="204"/>
        <source>Reconnect now</source>
        <translation>立即重连</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="130"/>
        <location filename="../../ui/outputs_dock.py" line="205"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="135"/>
        <source>Stream key</source>
        <translation>推流码</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="135"/>
        <source>Bearer token</source>
        <translation>访问令牌</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="140"/>
        <source>Folder for recordings</source>
        <translation>录像保存文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="179"/>
        <source>Live, {0} kbit/s</source>
        <translation>直播中，{0} kbit/s</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="180"/>
        <source>Live</source>
        <translation>直播中</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="183"/>
        <source>Starting a new file at {0}…</source>
        <translation>画面尺寸已变，正在以 {0} 开始新文件…</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="184"/>
        <source>Starting a new stream at {0}…</source>
        <translation>画面尺寸已变，正在以 {0} 重新推流…</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="186"/>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="188"/>
        <source>Reconnecting ({0})</source>
        <translation>正在重连（{0}）</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="190"/>
        <source>in {0} s</source>
        <translation>{0} 秒后</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="193"/>
        <source>Stopped: {0}</source>
        <translation>已停止：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="194"/>
        <source>Off (starts with Go Live)</source>
        <translation>未启动（随开播启动）</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="216"/>
        <source>Stop recording</source>
        <translation>停止录制</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="216"/>
        <source>Start recording</source>
        <translation>开始录制</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="221"/>
        <source>Recording {0} s to {1}</source>
        <translation>已录制 {0} 秒，保存到 {1}</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="224"/>
        <source>Saved to {0}</source>
        <translation>已保存到 {0}</translation>
    </message>
</context>
<context>
    <name>OverlayPreview</name>
    <message>
        <location filename="../../ui/overlay_editor.py" line="71"/>
        <source>Click an overlay to select it, drag it to move it, drag a handle to resize it, right-click to hide or show overlays. Arrows nudge (Shift: further), Delete hides, Esc deselects, Ctrl+Z undoes.</source>
        <translation>点击叠加内容选中，拖动可移动，拖动控制点可缩放，右键可隐藏或显示叠加内容。方向键微调（按住 Shift 移动更多），Delete 隐藏，Esc 取消选中，Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <location filename="../../ui/overlay_editor.py" line="257"/>
        <source>Hide “{0}”</source>
        <translation>隐藏“{0}”</translation>
    </message>
    <message>
        <location filename="../../ui/overlay_editor.py" line="260"/>
        <source>Overlays</source>
        <translation>画面叠加</translation>
    </message>
</context>
<context>
    <name>PluginDock</name>
    <message>
        <location filename="../../ui/plugin_dock.py" line="45"/>
        <source>Plugins</source>
        <translation>插件</translation>
    </message>
    <message>
        <location filename="../../ui/plugin_dock.py" line="46"/>
        <source>Plugin</source>
        <translation>插件</translation>
    </message>
    <message>
        <location filename="../../ui/plugin_dock.py" line="46"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../ui/plugin_dock.py" line="46"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/plugin_dock.py" line="76"/>
        <source>Built in</source>
        <translation>内置</translation>
    </message>
    <message>
        <location filename="../../ui/plugin_dock.py" line="78"/>
        <source>Not loaded: {0}</source>
        <translation>未加载：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/plugin_dock.py" line="79"/>
        <source>Off</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <location filename="../../ui/plugin_dock.py" line="87"/>
        <source>{0} switched off: {1}; tried again once it responds</source>
        <translation>{0} 已关闭：{1}；它恢复响应后会再试</translation>
    </message>
    <message>
        <location filename="../../ui/plugin_dock.py" line="88"/>
        <source>{0} switched off: {1}; trying again in {2} s</source>
        <translation>{0} 已关闭：{1}；{2} 秒后再试</translation>
    </message>
    <message>
        <location filename="../../ui/plugin_dock.py" line="91"/>
        <source>{0} too slow: {1} ms a frame for a budget of {2} ms</source>
        <translation>{0} 太慢：每帧 {1} 毫秒，预算 {2} 毫秒</translation>
    </message>
    <message>
        <location filename="../../ui/plugin_dock.py" line="94"/>
        <source>{0} at reduced quality (level {1} of {2}) to keep the frame rate</source>
        <translation>{0} 已降低质量（第 {1} 级，共 {2} 级）以保持帧率</translation>
    </message>
    <message>
        <location filename="../../ui/plugin_dock.py" line="79"/>
        <source>On</source>
        <translation>已开启</translation>
    </message>
</context>
<context>
    <name>PollLotteryDock</name>
    <message>
        <location filename="../../ui/commerce_docks.py" line="455"/>
        <source>Polls and lottery</source>
        <translation>投票与福袋</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="456"/>
        <source>Poll</source>
        <translation>投票</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="457"/>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="458"/>
        <source>2 to 6 options, one per line</source>
        <translation>2 到 6 个选项，每行一个</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="459"/>
        <source>Start poll</source>
        <translation>开始投票</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="460"/>
        <source>Close poll</source>
        <translation>结束投票</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="461"/>
        <source>Lottery (provably fair)</source>
        <translation>福袋（可验证公平）</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="462"/>
        <source>Prize</source>
        <translation>奖品</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="462"/>
        <source>Winners</source>
        <translation>中奖人数</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="462"/>
        <source>Entry</source>
        <translation>参与方式</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="463"/>
        <source>Keyword</source>
        <translation>口令</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="463"/>
        <source>Countdown (s)</source>
        <translation>倒计时（秒）</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="465"/>
        <source>Keyword comment</source>
        <translation>评论口令</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="466"/>
        <source>Click</source>
        <translation>点击参与</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="467"/>
        <source>Followers only</source>
        <translation>仅限粉丝</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="468"/>
        <source>Start lottery</source>
        <translation>发起福袋</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="469"/>
        <source>Draw now</source>
        <translation>立即开奖</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="470"/>
        <source>Copy record</source>
        <translation>复制开奖记录</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="489"/>
        <source>No draw yet</source>
        <translation>还没有开奖</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="493"/>
        <source>The record is on the clipboard: studio verify-lottery checks it</source>
        <translation>开奖记录已复制：可用 studio verify-lottery 验证</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="502"/>
        <source>Closed: </source>
        <translation>已结束：</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="509"/>
        <source>{0} entrants, draw in {1} s · commitment {2}…</source>
        <translation>{0} 人参与，{1} 秒后开奖 · 承诺 {2}…</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="513"/>
        <source>Winners: {0}</source>
        <translation>中奖：{0}</translation>
    </message>
</context>
<context>
    <name>ProductsDock</name>
    <message>
        <location filename="../../ui/commerce_docks.py" line="302"/>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="303"/>
        <source>Import catalog…</source>
        <translation>导入商品…</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="304"/>
        <source>Pin on air</source>
        <translation>讲解此商品</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="305"/>
        <source>Unpin</source>
        <translation>取消置顶</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="306"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="306"/>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="306"/>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="307"/>
        <source>Advertising Law</source>
        <translation>广告法</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="308"/>
        <source>Flash sale</source>
        <translation>秒杀</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="309"/>
        <source>Sale price</source>
        <translation>秒杀价</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="309"/>
        <source>Stock for the sale</source>
        <translation>秒杀库存</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="310"/>
        <source>Limit per viewer</source>
        <translation>每人限购</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="310"/>
        <source>Countdown (s)</source>
        <translation>倒计时（秒）</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="312"/>
        <source>Start sale</source>
        <translation>开始秒杀</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="313"/>
        <source>End sale</source>
        <translation>结束秒杀</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="316"/>
        <source>Import catalog</source>
        <translation>导入商品</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="317"/>
        <source>Catalogs (*.csv *.json)</source>
        <translation>商品表（*.csv *.json）</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="326"/>
        <source>The catalog cannot be read: {0}</source>
        <translation>无法读取商品表：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="329"/>
        <source>{0} products loaded</source>
        <translation>已导入 {0} 个商品</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="335"/>
        <source>Select a product first</source>
        <translation>请先选择一个商品</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="355"/>
        <source>Import a catalog first: there is no next product to pin.</source>
        <translation>请先导入商品库：没有可置顶的下一件商品。</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="357"/>
        <source>On air: {0}</source>
        <translation>正在讲解：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="365"/>
        <source>No sale started: pin a product from the catalog first.</source>
        <translation>未开始秒杀：请先从商品库中置顶一件商品。</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="367"/>
        <source>Flash sale of {0} started</source>
        <translation>{0} 的秒杀已开始</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="399"/>
        <source>No sale running</source>
        <translation>没有进行中的秒杀</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="401"/>
        <source>{0}: sold out</source>
        <translation>{0}：已抢光</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="403"/>
        <source>{0}: starts in {1} s</source>
        <translation>{0}：{1} 秒后开抢</translation>
    </message>
    <message>
        <location filename="../../ui/commerce_docks.py" line="406"/>
        <source>{0}: on, {1} left, {2} orders</source>
        <translation>{0}：抢购中，剩余 {1}，{2} 单</translation>
    </message>
</context>
<context>
    <name>ResumeBanner</name>
    <message>
        <location filename="../../ui/resume_banner.py" line="35"/>
        <source>Host Studio did not close properly last time. Your settings are back, and so are the products and any open flash sale, poll or lottery.</source>
        <translation>Host Studio 主播工作室上次没有正常关闭。你的设置已经恢复，商品以及进行中的秒杀、投票和抽奖也都已恢复。</translation>
    </message>
    <message>
        <location filename="../../ui/resume_banner.py" line="38"/>
        <source>Resume the show to go live again, with {0}.</source>
        <translation>点击“恢复直播”即可重新开播，并推流到 {0}。</translation>
    </message>
    <message>
        <location filename="../../ui/resume_banner.py" line="40"/>
        <source>Resume the show to go live again.</source>
        <translation>点击“恢复直播”即可重新开播。</translation>
    </message>
    <message>
        <location filename="../../ui/resume_banner.py" line="42"/>
        <source>The recording starts again in a new file.</source>
        <translation>录制会在新文件中重新开始。</translation>
    </message>
    <message>
        <location filename="../../ui/resume_banner.py" line="44"/>
        <source>Resume the show</source>
        <translation>恢复直播</translation>
    </message>
    <message>
        <location filename="../../ui/resume_banner.py" line="45"/>
        <source>Not now</source>
        <translation>暂不</translation>
    </message>
</context>
<context>
    <name>ReturnView</name>
    <message>
        <location filename="../../ui/return_view.py" line="55"/>
        <source>The host&apos;s show</source>
        <translation>主播的节目</translation>
    </message>
    <message>
        <location filename="../../ui/return_view.py" line="56"/>
        <source>Leave</source>
        <translation>离开</translation>
    </message>
    <message>
        <location filename="../../ui/return_view.py" line="68"/>
        <source>Viewers see you</source>
        <translation>观众能看到你</translation>
    </message>
    <message>
        <location filename="../../ui/return_view.py" line="68"/>
        <source>Viewers do not see you</source>
        <translation>观众看不到你</translation>
    </message>
    <message>
        <location filename="../../ui/return_view.py" line="69"/>
        <source>viewers hear you</source>
        <translation>观众能听到你</translation>
    </message>
    <message>
        <location filename="../../ui/return_view.py" line="69"/>
        <source>viewers do not hear you</source>
        <translation>观众听不到你</translation>
    </message>
    <message>
        <location filename="../../ui/return_view.py" line="73"/>
        <source>Show&apos;s sound {0} dB</source>
        <translation>节目声音 {0} 分贝</translation>
    </message>
    <message>
        <location filename="../../ui/return_view.py" line="76"/>
        <source>Playing on {0}</source>
        <translation>正在通过 {0} 播放</translation>
    </message>
    <message>
        <location filename="../../ui/return_view.py" line="78"/>
        <source>No audio output device: the show&apos;s sound is not played</source>
        <translation>没有音频输出设备：节目声音无法播放</translation>
    </message>
    <message>
        <location filename="../../ui/return_view.py" line="86"/>
        <source>Connecting to the host…</source>
        <translation>正在连接主播…</translation>
    </message>
    <message>
        <location filename="../../ui/return_view.py" line="88"/>
        <source>The connection dropped: reconnecting…</source>
        <translation>连接中断：正在重新连接…</translation>
    </message>
    <message>
        <location filename="../../ui/return_view.py" line="90"/>
        <source>In the lobby: the host will let you in</source>
        <translation>在等候室：请等待主播让你进入</translation>
    </message>
    <message>
        <location filename="../../ui/return_view.py" line="92"/>
        <source>On the call: you see and hear the show</source>
        <translation>连麦中：你能看到并听到节目</translation>
    </message>
    <message>
        <location filename="../../ui/return_view.py" line="93"/>
        <source>The call ended: {0}</source>
        <translation>连麦已结束：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/return_view.py" line="98"/>
        <source>you left</source>
        <translation>你已离开</translation>
    </message>
    <message>
        <location filename="../../ui/return_view.py" line="99"/>
        <source>the host removed you from the call</source>
        <translation>主播已将你移出连麦</translation>
    </message>
    <message>
        <location filename="../../ui/return_view.py" line="100"/>
        <source>the host did not let you in</source>
        <translation>主播未让你进入</translation>
    </message>
    <message>
        <location filename="../../ui/return_view.py" line="101"/>
        <source>the connection to the host was lost</source>
        <translation>与主播的连接已断开</translation>
    </message>
    <message>
        <location filename="../../ui/return_view.py" line="103"/>
        <source>the host&apos;s studio refused the link: {0}</source>
        <translation>主播的直播间拒绝了此链接：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/return_view.py" line="104"/>
        <source>could not join: {0}</source>
        <translation>无法加入：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/return_view.py" line="114"/>
        <source>The host&apos;s picture appears here once you are let in</source>
        <translation>主播让你进入后，这里会显示主播的画面</translation>
    </message>
</context>
<context>
    <name>SettingsForm</name>
    <message>
        <location filename="../../ui/settings_form.py" line="75"/>
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
</context>
<context>
    <name>ShowMenu</name>
    <message>
        <location filename="../../ui/hotkeys.py" line="75"/>
        <source>&amp;Show</source>
        <translation>直播(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/hotkeys.py" line="76"/>
        <source>Pin the next product</source>
        <translation>置顶下一件商品</translation>
    </message>
    <message>
        <location filename="../../ui/hotkeys.py" line="77"/>
        <source>Start the flash sale of the pinned product</source>
        <translation>开始置顶商品的秒杀</translation>
    </message>
    <message>
        <location filename="../../ui/hotkeys.py" line="78"/>
        <source>Hotkeys…</source>
        <translation>快捷键…</translation>
    </message>
    <message>
        <location filename="../../ui/hotkeys.py" line="79"/>
        <source>End the show?</source>
        <translation>结束直播？</translation>
    </message>
    <message>
        <location filename="../../ui/hotkeys.py" line="80"/>
        <source>Ending the show stops it for every viewer and stops every output.</source>
        <translation>结束直播后，所有观众都将无法观看，所有推流和输出也会停止。</translation>
    </message>
    <message>
        <location filename="../../ui/hotkeys.py" line="81"/>
        <location filename="../../ui/hotkeys.py" line="86"/>
        <source>End the show</source>
        <translation>结束直播</translation>
    </message>
    <message>
        <location filename="../../ui/hotkeys.py" line="82"/>
        <source>Keep streaming</source>
        <translation>继续直播</translation>
    </message>
    <message>
        <location filename="../../ui/hotkeys.py" line="86"/>
        <source>Go Live</source>
        <translation>开始直播</translation>
    </message>
</context>
<context>
    <name>StatsDock</name>
    <message>
        <location filename="../../ui/stats_dock.py" line="59"/>
        <source>Stats</source>
        <translation>统计</translation>
    </message>
    <message>
        <location filename="../../ui/stats_dock.py" line="81"/>
        <source>Frame rate</source>
        <translation>帧率</translation>
    </message>
    <message>
        <location filename="../../ui/stats_dock.py" line="81"/>
        <source>program</source>
        <translation>节目</translation>
    </message>
    <message>
        <location filename="../../ui/stats_dock.py" line="82"/>
        <source>Bitrate</source>
        <translation>码率</translation>
    </message>
    <message>
        <location filename="../../ui/stats_dock.py" line="83"/>
        <source>viewers&apos; encode</source>
        <translation>观众编码</translation>
    </message>
    <message>
        <location filename="../../ui/stats_dock.py" line="85"/>
        <source>Encoder time</source>
        <translation>编码耗时</translation>
    </message>
    <message>
        <location filename="../../ui/stats_dock.py" line="85"/>
        <source>per frame</source>
        <translation>每帧</translation>
    </message>
    <message>
        <location filename="../../ui/stats_dock.py" line="88"/>
        <source>Round-trip time</source>
        <translation>往返时延</translation>
    </message>
    <message>
        <location filename="../../ui/stats_dock.py" line="90"/>
        <source>Loss</source>
        <translation>丢包</translation>
    </message>
    <message>
        <location filename="../../ui/stats_dock.py" line="91"/>
        <source>capture</source>
        <translation>采集</translation>
    </message>
    <message>
        <location filename="../../ui/stats_dock.py" line="91"/>
        <source>filters</source>
        <translation>滤镜</translation>
    </message>
    <message>
        <location filename="../../ui/stats_dock.py" line="92"/>
        <source>encoder</source>
        <translation>编码器</translation>
    </message>
    <message>
        <location filename="../../ui/stats_dock.py" line="92"/>
        <source>network</source>
        <translation>网络</translation>
    </message>
    <message>
        <location filename="../../ui/stats_dock.py" line="93"/>
        <source>Dropped per second (total: {0})</source>
        <translation>每秒丢帧（累计：{0}）</translation>
    </message>
    <message>
        <location filename="../../ui/stats_dock.py" line="100"/>
        <source>Sending: {0}</source>
        <translation>发送中：{0}</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../ui/app.py" line="46"/>
        <source>Port {0} is already in use, probably by another Host Studio or another program.

Close that program, or start Host Studio on another port, for example:
    studio --port {1}</source>
        <translation>端口 {0} 已被占用，可能是另一个 Host Studio 或其他程序正在使用。

请关闭该程序，或换一个端口启动 Host Studio，例如：
    studio --port {1}</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="51"/>
        <source>Host Studio could not start its viewer server on {0}:{1}:
{2}</source>
        <translation>Host Studio 无法在 {0}:{1} 上启动观众服务器：
{2}</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="78"/>
        <source>This is not an invite link: {0}</source>
        <translation>这不是邀请链接：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="128"/>
        <source>Host Studio cannot start</source>
        <translation>Host Studio 无法启动</translation>
    </message>
</context>
<context>
    <name>i18n</name>
    <message>
        <location filename="../../ui/i18n.py" line="53"/>
        <source>LANGUAGE_CODE</source>
        <translation>zh_CN</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../ui/plugin_docks.py" line="32"/>
        <source>Plugin {0} could not add its panel: {1}</source>
        <translation>插件 {0} 无法添加面板：{1}</translation>
    </message>
</context>
</TS>
