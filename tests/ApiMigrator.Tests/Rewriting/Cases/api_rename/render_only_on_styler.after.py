import jinja2
import pandas as pd

df = pd.DataFrame({"a": [1]})
html = df.style.to_html()
page = jinja2.Template("{{ x }}").render(x=1)


class Report:
    def render(self):
        return ""


text = Report().render()
