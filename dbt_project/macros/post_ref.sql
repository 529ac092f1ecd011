{#-
  Links to social posts, and the (platform, post key) a link points to, whatever form the link
  takes: with or without https:// and www./m., mobile and desktop hosts, tracking parameters
  (?igsh=, ?s=20&t=, &feature=share, &mibextid=, utm_*), and every path a platform uses for one
  post (X /status/ and /i/web/status/, Instagram /p/ /reel/ /tv/, TikTok /@user/video/ and
  m.tiktok.com/v/<id>.html, YouTube watch?v= youtu.be/ /shorts/ /embed/ /live/, Facebook
  /posts/ /videos/ /reel/ /permalink/ story_fbid= fbid= watch?v=). Short links (bit.ly, t.co,
  vm.tiktok.com, fb.watch) point nowhere by themselves: they count through the expansion a
  vendor export carries. Keys keep their case (YouTube ids and Instagram codes are
  case-sensitive); hosts compare case-insensitively.
-#}

{#- Every link to a social platform inside a text (several per text, in order). -#}
{% macro social_links(text) -%}
    regexp_extract_all(
        coalesce({{ text }}, ''),
        '(?i)\b(?:https?://)?(?:[a-z0-9-]+\.)*(?:x\.com|twitter\.com|instagram\.com|tiktok\.com|facebook\.com|fb\.com|youtube\.com|youtu\.be)/[^\s<>"]+'
    )
{%- endmacro %}

{#- The post a link points to: struct(platform, post_key), null for anything else. -#}
{% macro post_ref(link) -%}
    case
        when regexp_matches({{ link }}, '(?i)^(?:https?://)?(?:[a-z0-9-]+\.)*(?:x|twitter)\.com/(?:[^?#]*/)?status(?:es)?/[0-9]+')
            then struct_pack(
                platform := 'x',
                post_key := regexp_extract({{ link }}, '(?i)/status(?:es)?/([0-9]+)', 1)
            )
        when regexp_matches({{ link }}, '(?i)^(?:https?://)?(?:[a-z0-9-]+\.)*instagram\.com/(?:[^/?#]+/)?(?:p|reels?|tv)/[a-z0-9_-]+')
            then struct_pack(
                platform := 'instagram',
                post_key := regexp_extract({{ link }}, '(?i)instagram\.com/(?:[^/?#]+/)?(?:p|reels?|tv)/([a-z0-9_-]+)', 1)
            )
        when regexp_matches({{ link }}, '(?i)^(?:https?://)?(?:www\.|m\.)?tiktok\.com/(?:@[^/?#]+/(?:video|photo)/|v/)[0-9]+')
            then struct_pack(
                platform := 'tiktok',
                post_key := regexp_extract({{ link }}, '(?i)tiktok\.com/(?:@[^/?#]+/(?:video|photo)/|v/)([0-9]+)', 1)
            )
        when regexp_matches({{ link }}, '(?i)^(?:https?://)?(?:www\.|m\.|music\.)?youtube\.com/(?:watch/?\?(?:[^#]*[&;])?v=|shorts/|embed/|live/|v/)[a-z0-9_-]+')
            then struct_pack(
                platform := 'youtube',
                post_key := regexp_extract(
                    {{ link }}, '(?i)youtube\.com/(?:watch/?\?(?:[^#]*[&;])?v=|shorts/|embed/|live/|v/)([a-z0-9_-]+)', 1
                )
            )
        when regexp_matches({{ link }}, '(?i)^(?:https?://)?(?:www\.)?youtu\.be/[a-z0-9_-]+')
            then struct_pack(
                platform := 'youtube',
                post_key := regexp_extract({{ link }}, '(?i)youtu\.be/([a-z0-9_-]+)', 1)
            )
        when regexp_matches({{ link }}, '(?i)^(?:https?://)?(?:[a-z0-9-]+\.)?(?:facebook|fb)\.com/')
            then struct_pack(
                platform := 'facebook',
                post_key := nullif(coalesce(
                    nullif(regexp_extract({{ link }}, '(?i)[?&;](?:story_fbid|fbid)=([a-z0-9]+)', 1), ''),
                    nullif(regexp_extract({{ link }}, '(?i)/(?:posts|reel|permalink)/([a-z0-9]+)', 1), ''),
                    nullif(regexp_extract({{ link }}, '(?i)/videos/(?:[^/?#]+/)?([0-9]+)', 1), ''),
                    nullif(regexp_extract({{ link }}, '(?i)/watch/?\?(?:[^#]*[&;])?v=([0-9]+)', 1), '')
                ), '')
            )
    end
{%- endmacro %}
